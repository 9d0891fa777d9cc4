/**
 * 测试打印 for one saved printer: the desk queues a test page; its job's progress comes back on
 * 'print-changed' and shows beside the button (已发送 / 已打印 / the error in staff words).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJobView } from '../../../../shared/printing.js';
import { useDesk } from '../../state/use-desk.js';

type Result =
  { kind: 'busy' } | { kind: 'job'; job: PrintJobView } | { kind: 'error'; message: string } | null;

export default function TestPrintButton({
  printer,
  saved,
}: {
  printer: string;
  saved: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('printing');
  const desk = useDesk();
  const [result, setResult] = useState<Result>(null);
  // Listening before asking: the page's progress can come back before the answer to the call does.
  const heard = useRef(new Map<string, PrintJobView>());
  useEffect(
    () =>
      desk.subscribe((name, payload) => {
        if (name !== 'print-changed') return;
        const { job } = payload as { job: PrintJobView };
        if (job.reason !== 'test' || job.printer !== printer) return;
        const known = heard.current.get(job.id);
        if (!known || known.updatedAt <= job.updatedAt) heard.current.set(job.id, job);
        setResult((r) =>
          r?.kind === 'job' && r.job.id === job.id ? { kind: 'job', job: newer(r.job, job) } : r,
        );
      }),
    [desk, printer],
  );
  const run = (): void => {
    setResult({ kind: 'busy' });
    desk.api
      .testPrint(printer)
      .then((job) => {
        const known = heard.current.get(job.id);
        setResult({ kind: 'job', job: known ? newer(known, job) : job });
      })
      .catch((err: unknown) => setResult({ kind: 'error', message: (err as Error).message }));
  };
  const job = result?.kind === 'job' ? result.job : null;
  return (
    <span className="test-print">
      <button
        type="button"
        className="btn btn-small"
        data-testid="test-print"
        disabled={!saved || result?.kind === 'busy'}
        title={saved ? undefined : t('settings.testSaveFirst')}
        onClick={run}
      >
        {result?.kind === 'busy' ? t('settings.testing') : t('settings.test')}
      </button>
      {job && (
        <span
          className={job.state === 'failed' ? 'print-note print-error' : 'print-note print-ok'}
          role={job.state === 'failed' ? 'alert' : 'status'}
          data-testid="test-print-result"
          data-state={job.state}
        >
          {job.state === 'failed'
            ? t('settings.testFailed', { message: job.lastError })
            : job.state === 'confirmed'
              ? t('settings.testPrinted')
              : job.state === 'sent'
                ? t('settings.testSent')
                : t('settings.testing')}
        </span>
      )}
      {result?.kind === 'error' && (
        <span
          className="print-note print-error"
          role="alert"
          data-testid="test-print-result"
          data-state="error"
        >
          {t('settings.testFailed', { message: result.message })}
        </span>
      )}
    </span>
  );
}

/** Of two versions of a job, the later one (its state only moves forward). */
function newer(a: PrintJobView, b: PrintJobView): PrintJobView {
  return a.updatedAt > b.updatedAt ? a : b;
}
