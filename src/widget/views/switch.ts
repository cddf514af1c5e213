/** Which screen the element shows: the journey's own screen, or (single journey) its application's state. */
import type { TemplateResult } from 'lit';
import type { JourneyController } from '../journey/controller.js';
import type { AppState } from '../journey/machine.js';
import type { ReportValidation } from '../registration-report-form.js';
import type { BatchViewContext } from './batch/batch-views.js';
import { certificatesView } from './certificates.js';
import { registerLabel } from '../journey/controller.js';
import { busy, errorView, frame, pending, type FrameContext, type StepName } from './frame.js';
import { describeProblem } from '../i18n/index.js';
import { chunk, type Chunk } from '../lazy.js';
import { applicationBusyView, approvedView, identityView, rejectedView, statusView } from './outcome.js';
import { pluginView } from './plugin.js';
import { progressView } from './progress.js';
import { reviewView } from './review.js';

export type { StepName };

function phaseStep(s: AppState): StepName {
  switch (s.phase) {
    case 'skipped':
      return 'identity';
    case 'ready':
      return 'review';
    case 'signing':
      return 'signing';
    case 'sending':
      return 'sending';
    case 'tracking':
      return 'status';
    case 'needs-report':
      return 'report';
    case 'approved':
    case 'rejected':
      return s.phase;
    case 'unresolved':
    case 'error':
      return 'error';
    default:
      return 'application';
  }
}

export function stepOf(journey: JourneyController): StepName {
  const screen = journey.screen;
  switch (screen.name) {
    case 'plugin':
    case 'certificates':
      return screen.name;
    case 'signing':
      return !journey.batch && journey.runners[0]?.state.phase === 'sending' ? 'sending' : 'signing';
    default:
      if (journey.batch) return screen.name === 'review' ? 'review' : screen.name === 'loading' || screen.name === 'preparing' ? 'application' : 'table';
      if (screen.name === 'stopped') return screen.cancelled ? 'review' : 'error';
      return journey.runners[0] ? phaseStep(journey.runners[0].state) : 'application';
  }
}

/** Views most visits never need, in chunks of their own: fetched when first needed, then rendered. */
const batchViews = chunk('batch', () => import('./batch/batch-views.js'));
const reportViews = chunk('report', () => import('./report.js'));

/**
 * A view's chunk: its module once here; meanwhile a placeholder (and a render when it arrives), or, when it did not
 * arrive, the error with "try again", which fetches it again.
 */
function need<T>(views: Chunk<T>, ctx: BatchViewContext, loaded: () => void, render: (views: T) => TemplateResult): TemplateResult {
  if (views.module) return render(views.module);
  const fetch = () => views().then(loaded, loaded);
  if (views.error) return errorView(ctx, describeProblem(views.error, ctx.lang), fetch);
  void fetch();
  return pending(ctx.m.loading);
}

/** The element's whole shadow content; `loaded` asks for a render once a view's chunk has arrived. */
export function renderView(journey: JourneyController, ctx: BatchViewContext, loaded: () => void): TemplateResult {
  const step = stepOf(journey);
  return frame(ctx.m, step, body(journey, ctx, step, loaded), journey.announcement, frameContext(journey, ctx));
}

/** The context line: the partner, the company and the cash register (or how many) as soon as OFD has answered. */
function frameContext(journey: JourneyController, ctx: BatchViewContext): FrameContext {
  const apps = journey.runners.map((r) => r.state);
  const first = apps.find((s) => s.app)?.app;
  const single = !journey.batch && apps[0]?.app ? apps[0] : undefined;
  return {
    partner: ctx.partner || undefined,
    company: first?.CompanyDetails?.CompanyName ?? undefined,
    register: single ? registerLabel(single) : undefined,
    registers: journey.batch ? apps.length : undefined,
    rnm: single?.app?.KktDetails?.RegNumber ?? undefined,
    lang: ctx.lang,
  };
}

function body(journey: JourneyController, ctx: BatchViewContext, step: StepName, loaded: () => void): TemplateResult {
  const { m } = ctx;
  const screen = journey.screen;
  if (screen.name === 'plugin') return pluginView(ctx, screen.problem);
  if (screen.name === 'certificates') return certificatesView(ctx);
  if (journey.batch) {
    return need(batchViews, ctx, loaded, (batch) => {
      if (step === 'application') return batch.batchLoadingView(ctx);
      if (step === 'review') return batch.batchReviewView(ctx);
      if (screen.name === 'signing') return batch.batchSigningView(ctx, screen.index, screen.total, screen.current);
      return batch.batchTableView(ctx);
    });
  }
  const runner = journey.runners[0]!;
  const s = runner.state;
  if (screen.name === 'signing') {
    const progress = journey.sendingProgress;
    return step === 'sending' ? progressView(ctx, 'sending', progress?.index ?? 1, progress?.total ?? 1) : progressView(ctx, 'signing', screen.index, screen.total);
  }
  if (screen.name === 'stopped') {
    return screen.cancelled ? reviewView(ctx, runner, true) : errorView(ctx, screen.problem, () => journey.retry());
  }
  switch (s.phase) {
    case 'skipped':
      return identityView(ctx, s);
    case 'ready':
      return reviewView(ctx, runner, false);
    case 'tracking':
      return statusView(ctx, s);
    case 'needs-report': {
      const submit = (validation: ReportValidation) => {
        journey.submitReport(validation);
        return ctx.rendered();
      };
      return need(reportViews, ctx, loaded, (report) => report.reportView(ctx, s, submit, runner.id));
    }
    case 'approved':
      return approvedView(ctx, runner);
    case 'rejected':
      return rejectedView(ctx, s);
    case 'unresolved':
      return errorView(ctx, journey.problem('SIGN_OUTCOME_UNRESOLVED'), () => journey.retry());
    case 'error':
      // "Повторить" only where repeating can help: a refused or foreign link stays refused; a refused document does
      // too, but a new round of documents can still be signed.
      return errorView(ctx, journey.problem(s.error), s.renewable || retryable(s.error) ? () => journey.retry() : undefined);
    case 'signing':
    case 'sending':
      return busy(m.signingTitle);
    default:
      return applicationBusyView(ctx, s.phase);
  }
}

/** An error that says it is final (`retryable: false`: a refused ticket, a validation error) offers no "try again". */
function retryable(error: unknown): boolean {
  return (error as { retryable?: unknown } | null)?.retryable !== false;
}
