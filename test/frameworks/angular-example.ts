import 'ofd-signer';
import type { OfdApprovedEvent } from 'ofd-signer';
import { Component, CUSTOM_ELEMENTS_SCHEMA, Input } from '@angular/core';

@Component({
  selector: 'app-sign-application',
  standalone: true,
  // <ofd-signer> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ofd-signer
      [attr.application-id]="applicationId"
      [ticket]="ticket"
      api-base="https://sign.partner.example/api"
      partner-name="Касса-Сервис"
      (ofd-approved)="onApproved($event)"
    ></ofd-signer>
  `,
})
export class SignApplicationComponent {
  @Input({ required: true }) applicationId!: string;
  @Input({ required: true }) ticket!: string;
  documents: { type: string; url: string }[] = [];

  onApproved(event: Event): void {
    this.documents = (event as OfdApprovedEvent).detail.documents;
  }
}
