/**
 * A ticket as a picture: the desk's SVG shown through an <img> data URL, never put into the page
 * as markup — an image cannot run script or reach the page, whatever the SVG holds.
 * `useTicketPreview` asks for it, waiting `debounceMs` after the last change (the settings form),
 * and keeps the last picture on screen while the next one is drawn.
 */
import { useEffect, useState } from 'react';
import type { TicketPreviewInput } from '../../../../shared/printing.js';
import { useDesk } from '../../state/use-desk.js';

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export interface PreviewState {
  svg: string;
  loading: boolean;
  error: string;
}

export function useTicketPreview(input: TicketPreviewInput | null, debounceMs = 0): PreviewState {
  const desk = useDesk();
  const [state, setState] = useState<PreviewState>({ svg: '', loading: input !== null, error: '' });
  // The input's content, not its identity: a form re-render with the same values asks nothing.
  const wanted = input ? JSON.stringify(input) : '';
  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      Promise.resolve()
        .then(() => desk.api.ticketPreview(JSON.parse(wanted) as TicketPreviewInput))
        .then(({ svg }) => alive && setState({ svg, loading: false, error: '' }))
        .catch(
          (err: unknown) =>
            alive && setState((s) => ({ ...s, loading: false, error: (err as Error).message })),
        );
    }, debounceMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [desk, wanted, debounceMs]);
  return state;
}

export default function TicketImage(props: {
  preview: PreviewState;
  alt: string;
  loadingText: string;
  errorText: (message: string) => string;
  testId: string;
  /** Shown width in CSS pixels (the SVG scales; 58 mm paper gets a narrower picture). */
  width: number;
}): React.JSX.Element {
  const { preview, alt, testId } = props;
  return (
    <div
      className="ticket-image"
      data-testid={testId}
      aria-busy={preview.loading}
      data-loading={preview.loading || undefined}
    >
      {preview.error && (
        <p className="print-error" role="alert" data-testid={`${testId}-error`}>
          {props.errorText(preview.error)}
        </p>
      )}
      {preview.svg ? (
        <img
          className={preview.loading ? 'ticket-img ticket-img-stale' : 'ticket-img'}
          src={svgDataUrl(preview.svg)}
          alt={alt}
          style={{ width: props.width }}
          data-testid={`${testId}-img`}
        />
      ) : (
        !preview.error && <p className="muted">{props.loadingText}</p>
      )}
    </div>
  );
}
