/**
 * The receiver's callback URLs, grouped by platform, to paste into each platform's developer console. Reloaded
 * when the tunnel's address changes (status-changed), since the public URLs hang off it.
 * Only full absolute addresses are offered for copying: without a public address a bare path
 * would be useless in the platform's console, so the section says how to get one instead.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackUrl } from '../../../../shared/api.js';
import { PLATFORM_IDENTITIES } from '../../../../shared/platforms.js';
import { langOf } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';

export default function CallbackUrls({ tunnelUrl }: { tunnelUrl: string | null }): React.JSX.Element {
  const { t, i18n } = useTranslation('stores');
  const { t: tb } = useTranslation('binding');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const [urls, setUrls] = useState<CallbackUrl[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let alive = true;
    desk.api
      .callbackUrls()
      .then((list) => {
        if (!alive) return;
        setUrls(list);
        setError('');
      })
      .catch((err: unknown) => {
        if (alive) setError(t('callbacks.loadFailed', { message: (err as Error).message }));
      });
    return () => {
      alive = false;
    };
  }, [desk, tunnelUrl, t]);

  return (
    <section className="stores-section" aria-labelledby="callbacks-title">
      <h3 id="callbacks-title">{t('callbacks.title')}</h3>
      <p className="muted stores-hint">{tb('callbacks.hint')}</p>
      {urls.some((u) => u.publicUrl === null) && (
        <p className="callbacks-tunnel-off" data-testid="callbacks-no-public" role="note">
          {t('callbacks.noPublic')}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {/* One list per platform, in registry order, under the platform's name. */}
      {Object.values(PLATFORM_IDENTITIES)
        .filter((p) => urls.some((u) => u.platform === p.id))
        .map((p) => (
          <div key={p.id} className="callbacks-platform" data-testid="callbacks-platform" data-platform={p.id}>
            <h4 className="callbacks-platform-name">{p.label[lang]}</h4>
            <ul className="callbacks">
              {urls
                .filter((u) => u.platform === p.id)
                .map((u) => (
                  <CallbackRow key={u.path} url={u} />
                ))}
            </ul>
          </div>
        ))}
    </section>
  );
}

type Copied = 'copied' | 'selected' | null;

function CallbackRow({ url }: { url: CallbackUrl }): React.JSX.Element {
  const { t } = useTranslation('stores');
  return (
    <li className="callback" data-testid="callback-url" data-path={url.path}>
      <span className="callback-label">{url.label}</span>
      {url.publicUrl === null ? (
        <span className="muted callback-pending" data-testid="callback-url-pending">
          {t('callbacks.noPublicRow')}（{url.path}）
        </span>
      ) : (
        <CopyableUrl url={url} text={url.publicUrl} />
      )}
    </li>
  );
}

function CopyableUrl({ url, text }: { url: CallbackUrl; text: string }): React.JSX.Element {
  const { t } = useTranslation('stores');
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // No clipboard (insecure context, permission): select the text for Ctrl+C instead.
      input.current?.focus();
      input.current?.select();
      setCopied('selected');
    }
  };

  return (
    <>
      <input
        ref={input}
        className="callback-text"
        readOnly
        value={text}
        aria-label={url.label}
        onFocus={(e) => e.target.select()}
      />
      <button
        type="button"
        className="btn btn-small"
        data-testid="copy-callback-url"
        onClick={() => void copy()}
      >
        {copied === 'copied' ? t('callbacks.copied') : t('callbacks.copy')}
      </button>
      {copied === 'selected' && <span className="muted callback-note">{t('callbacks.copyFallback')}</span>}
    </>
  );
}
