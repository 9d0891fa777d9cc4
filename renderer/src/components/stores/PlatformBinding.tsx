/**
 * One store's binding to one takeaway platform, in the way the platform binds (its identity's
 * `binding`):
 * - `signed-page`: bind / unbind through the platform's own signed page, opened in the binding
 *   window; the block flips when the platform's bound/unbound callback arrives (store-changed),
 *   until then it says it is waiting;
 * - `oauth`: 「授权…店铺」 opens the platform's authorization page the same way; the shops of
 *   the authorization are mapped to our stores (AuthorizedShops), and the block shows the shop
 *   serving this store: 已绑定, 未绑定 or 需要重新授权 (token expired or not renewed), with what
 *   to do. Unbinding unmaps the shop from this store, after a confirmation.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/order.js';
import { PLATFORM_IDENTITIES } from '../../../../shared/platforms.js';
import type { Store } from '../../../../shared/store.js';
import { langOf, platformName } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { bindingOf, standingOf, type Authorizations } from './authorizations.js';
import StoreOpenControl from '../floor/StoreOpenControl.js';
import StoreStatusNotes from './StoreStatusNotes.js';
import { shortDateTime } from './time.js';
import './binding.css';

type Action = 'bind' | 'unbind';

interface Props {
  store: Store;
  platform: Platform;
  timeZone: string | undefined;
  /** The platform's authorizations (OAuth platforms only; loaded once for the page). */
  authorizations?: Authorizations;
  /** The platform's account is not set up in the settings: nothing to bind with yet. */
  unconfigured?: boolean;
}

export default function PlatformBinding(props: Props): React.JSX.Element | null {
  const flow = PLATFORM_IDENTITIES[props.platform].binding;
  if (flow && props.unconfigured && !bindingOf(props.store, props.platform).bound) return <Unconfigured platform={props.platform} />;
  if (flow === 'oauth') return <OAuthBinding {...props} />;
  if (flow === 'signed-page') return <SignedPageBinding {...props} />;
  return null;
}

function Unconfigured({ platform }: { platform: Platform }): React.JSX.Element {
  const { t, i18n } = useTranslation('binding');
  return (
    <div className="binding" data-testid={`binding-${platform}`} data-bound="false" data-state="unconfigured">
      <div className="binding-state">
        <span className="pill pill-off">{t('unbound')}</span>
      </div>
      <div className="muted binding-detail">{t('unconfigured', { platform: platformName(platform, langOf(i18n.language)) })}</div>
    </div>
  );
}

/** Opening the platform's page for a store: the window, a blocked popup's link, the wait for the answer. */
function usePlatformPage(store: Store, platform: Platform) {
  const { t, i18n } = useTranslation('binding');
  const desk = useDesk();
  const name = platformName(platform, langOf(i18n.language));
  const [waiting, setWaiting] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // When the browser blocks the new window, offer the link to click instead.
  const [blockedLink, setBlockedLink] = useState<string | null>(null);

  const open = async (action: Action): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      const path = action === 'bind' ? await desk.api.bindUrl(platform, store.id) : await desk.api.unbindUrl(platform, store.id);
      const opened = await desk.openLink(path);
      setBlockedLink(opened ? null : desk.resolveLink(path));
      setWaiting(action);
    } catch (err) {
      setError(t('failed', { platform: name, message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const done = (): void => {
    setWaiting(null);
    setBlockedLink(null);
  };
  return { name, waiting, busy, error, setError, blockedLink, open, done };
}

function Waiting(props: { title: string; hint: string; blockedLink: string | null; platform: string; onStop: () => void }): React.JSX.Element {
  const { t } = useTranslation('binding');
  return (
    <div className="binding-waiting" role="status">
      <span className="spinner" aria-hidden="true" />
      <div>
        <b>{props.title}</b>
        <div className="muted binding-detail">
          {props.blockedLink ? (
            <>
              {t('popupBlocked')}
              <a href={props.blockedLink} target="_blank" rel="noopener noreferrer">
                {t('openPage', { platform: props.platform })}
              </a>
            </>
          ) : (
            props.hint
          )}
        </div>
      </div>
      <button type="button" className="btn btn-small" onClick={props.onStop}>
        {t('stopWaiting')}
      </button>
    </div>
  );
}

function Confirm(props: { question: string; confirm: string; busy: boolean; onConfirm: () => void; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation('binding');
  return (
    <div className="binding-confirm" role="dialog" aria-label={props.confirm}>
      <span>{props.question}</span>
      <button type="button" className="btn btn-small btn-danger" data-testid="dialog-confirm" disabled={props.busy} onClick={props.onConfirm}>
        {props.confirm}
      </button>
      <button type="button" className="btn btn-small" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

function SignedPageBinding({ store, platform, timeZone }: Props): React.JSX.Element {
  const { t } = useTranslation('binding');
  const binding = bindingOf(store, platform);
  const page = usePlatformPage(store, platform);
  const [confirming, setConfirming] = useState(false);
  const { waiting, done } = page;

  // The callback arrived: the wait is over. Only a change of the binding ends it, not its own start.
  useEffect(() => {
    if ((waiting === 'bind' && binding.bound) || (waiting === 'unbind' && !binding.bound)) done();
  }, [binding.bound]);

  return (
    <div className="binding" data-testid={`binding-${platform}`} data-bound={String(binding.bound)}>
      <div className="binding-state">
        <span className={binding.bound ? 'pill pill-ok' : 'pill pill-off'}>{binding.bound ? t('bound') : t('unbound')}</span>
        {binding.bound && binding.boundAt && (
          <span className="muted binding-since">{t('boundSince', { time: shortDateTime(binding.boundAt, timeZone) })}</span>
        )}
      </div>
      {binding.bound && binding.platformStoreName && (
        <div className="muted binding-detail">{t('platformStore', { platform: page.name, name: binding.platformStoreName })}</div>
      )}
      <StoreStatusNotes binding={binding} timeZone={timeZone} />
      <StoreOpenControl store={store} platform={platform} binding={binding} />

      {waiting ? (
        <Waiting
          title={waiting === 'bind' ? t('signed.waitingBind', { platform: page.name }) : t('signed.waitingUnbind', { platform: page.name })}
          hint={t('signed.waitingHint', { platform: page.name })}
          blockedLink={page.blockedLink}
          platform={page.name}
          onStop={done}
        />
      ) : confirming ? (
        <Confirm
          question={t('signed.confirmUnbind', { platform: page.name })}
          confirm={t('signed.confirm')}
          busy={page.busy}
          onConfirm={() => {
            setConfirming(false);
            void page.open('unbind');
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="binding-actions">
          {binding.bound ? (
            <button type="button" className="btn btn-small" data-testid={`unbind-${platform}`} disabled={page.busy} onClick={() => setConfirming(true)}>
              {t('signed.unbind')}
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-primary" data-testid={`bind-${platform}`} disabled={page.busy} onClick={() => void page.open('bind')}>
              {t('signed.bind')}
            </button>
          )}
        </div>
      )}
      {page.error && (
        <div className="field-error" role="alert">
          {page.error}
        </div>
      )}
    </div>
  );
}

function OAuthBinding({ store, platform, timeZone, authorizations }: Props): React.JSX.Element {
  const { t } = useTranslation('binding');
  const page = usePlatformPage(store, platform);
  const [confirming, setConfirming] = useState(false);
  const [unmapping, setUnmapping] = useState(false);
  const binding = bindingOf(store, platform);
  const auths = authorizations?.view;
  // The authorizations say which shop serves the store; a core without them: the store's binding.
  const standing =
    auths?.state === 'ready'
      ? standingOf(auths.list, store.id)
      : binding.bound
        ? ({ state: 'bound', shop: null, auth: null } as const)
        : ({ state: 'unbound' } as const);
  const { waiting, done } = page;

  // The authorization came back and a shop now serves the store: the wait is over.
  useEffect(() => {
    if (waiting === 'bind' && standing.state === 'bound') done();
  }, [standing.state]);

  const unmap = (): void => {
    const api = authorizations?.api;
    if (standing.state === 'unbound' || !standing.shop || !api || !authorizations) return;
    setConfirming(false);
    setUnmapping(true);
    page.setError('');
    api
      .mapShop(platform, standing.shop.shopId, null)
      .then(authorizations.replace)
      .catch((err: unknown) => page.setError(t('oauth.unmapFailed', { message: (err as Error).message })))
      .finally(() => setUnmapping(false));
  };

  const pill =
    standing.state === 'bound' ? (
      <span className="pill pill-ok">{t('bound')}</span>
    ) : standing.state === 'needs-reauth' ? (
      <span className="pill pill-reauth">{t('needsReauth')}</span>
    ) : (
      <span className="pill pill-off">{t('unbound')}</span>
    );
  const authorizeButton = (label: string, primary: boolean): React.JSX.Element => (
    <button
      type="button"
      className={primary ? 'btn btn-small btn-primary' : 'btn btn-small'}
      data-testid={`authorize-${platform}`}
      disabled={page.busy}
      onClick={() => void page.open('bind')}
    >
      {label}
    </button>
  );
  const shopName = standing.state !== 'unbound' ? standing.shop?.name || binding.platformStoreName : '';
  const boundAt = standing.state !== 'unbound' ? (standing.auth?.obtainedAt ?? binding.boundAt) : null;

  return (
    <div className="binding" data-testid={`binding-${platform}`} data-bound={String(standing.state === 'bound')} data-state={standing.state}>
      <div className="binding-state">
        {pill}
        {standing.state === 'bound' && boundAt && <span className="muted binding-since">{t('boundSince', { time: shortDateTime(boundAt, timeZone) })}</span>}
      </div>
      {shopName && <div className="muted binding-detail">{t('platformStore', { platform: page.name, name: shopName })}</div>}
      {standing.state === 'needs-reauth' && (
        <div className="binding-reauth" role="note">
          {t('oauth.needsReauthHint', { platform: page.name, problem: standing.auth.problem || t('oauth.needsReauthDefault') })}
        </div>
      )}
      {standing.state === 'unbound' && !waiting && <div className="muted binding-detail">{t('oauth.unboundHint', { platform: page.name })}</div>}
      <StoreStatusNotes binding={binding} timeZone={timeZone} />
      <StoreOpenControl store={store} platform={platform} binding={binding} />

      {waiting ? (
        <Waiting
          title={t('oauth.waiting', { platform: page.name })}
          hint={t('oauth.waitingHint', { platform: page.name })}
          blockedLink={page.blockedLink}
          platform={page.name}
          onStop={done}
        />
      ) : confirming && standing.state !== 'unbound' ? (
        <Confirm
          question={t('oauth.confirmUnmap', { platform: page.name, shop: shopName })}
          confirm={t('oauth.confirm')}
          busy={unmapping}
          onConfirm={unmap}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="binding-actions">
          {standing.state === 'unbound' && authorizeButton(t('oauth.authorize', { platform: page.name }), true)}
          {standing.state === 'needs-reauth' && authorizeButton(t('oauth.reauthorize'), true)}
          {standing.state !== 'unbound' && (
            <button
              type="button"
              className="btn btn-small"
              data-testid={`unmap-${platform}`}
              // Unmapping needs the shop and the mapping call; without them there is nothing to undo here.
              disabled={unmapping || !standing.shop || !authorizations?.api}
              onClick={() => setConfirming(true)}
            >
              {t('oauth.unmap')}
            </button>
          )}
        </div>
      )}
      {page.error && (
        <div className="field-error" role="alert">
          {page.error}
        </div>
      )}
    </div>
  );
}
