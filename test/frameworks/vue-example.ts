import 'ofd-signer';
import type { OfdApprovedEvent, OfdErrorEvent } from 'ofd-signer';
import { createApp, defineComponent, h, ref } from '@vue/runtime-dom';

// In-DOM or runtime-compiled templates: tell Vue that <ofd-signer> is not a Vue component.
// With Vite and single-file components, the same function goes to
// vue({ template: { compilerOptions: { isCustomElement } } }) in vite.config.ts.
const isCustomElement = (tag: string) => tag === 'ofd-signer';

// A template would say: <ofd-signer :application-id="id" :ticket="ticket" @ofd-approved="onApproved" />
// The same as a render function (Vue turns onOfdApproved into a listener for "ofd-approved"):
const SignApplication = defineComponent({
  props: { applicationId: { type: String, required: true }, ticket: { type: String, required: true } },
  setup(props) {
    const documents = ref<{ type: string; url: string }[]>([]);
    const onApproved = (event: OfdApprovedEvent) => (documents.value = event.detail.documents);
    const onError = (event: OfdErrorEvent) => console.warn(event.detail.code);
    return () =>
      h('ofd-signer', {
        'application-id': props.applicationId,
        ticket: props.ticket,
        'api-base': 'https://sign.partner.example/api',
        'partner-name': 'Касса-Сервис',
        onOfdApproved: onApproved,
        onOfdError: onError,
      });
  },
});

const app = createApp(SignApplication, { applicationId: '…', ticket: '…' });
app.config.compilerOptions.isCustomElement = isCustomElement;
export { app };
