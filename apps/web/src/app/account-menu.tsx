import { fr } from '@codegouvfr/react-dsfr';
import { ROLE_LABELS } from '@suivi-pvd/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me } from '../auth/data/session.hooks';

/**
 * Account button of the header: a disclosure showing who is signed in, their roles, a link to
 * "Mon compte" and the sign-out button. The header renders it twice (desktop tools and mobile
 * menu) and passes each copy its own `id`.
 */
export function AccountMenu({
  me,
  onLogout,
  loggingOut,
  id,
}: {
  me: Me;
  onLogout: () => void;
  loggingOut: boolean;
  id?: string;
}) {
  const [open, setOpen] = useState(false);
  const generatedId = useId();
  const buttonId = id ?? `compte-${generatedId}`;
  const panelId = `${buttonId}-menu`;
  const isMobile = buttonId.endsWith('-mobile');
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  // Any navigation closes the menu.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      style={{ position: 'relative', display: 'inline-block' }}
      onBlur={(event) => {
        // Tabbing out of the menu closes it.
        if (event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-icon-account-circle-line', 'fr-btn--icon-left')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {me.displayName}
        <span className={fr.cx('fr-sr-only')}> – menu du compte</span>
        <span
          aria-hidden="true"
          className={fr.cx(open ? 'fr-icon-arrow-up-s-line' : 'fr-icon-arrow-down-s-line', 'fr-icon--sm', 'fr-ml-1v')}
        />
      </button>
      <div
        id={panelId}
        hidden={!open}
        style={{
          position: isMobile ? 'static' : 'absolute',
          right: 0,
          top: '100%',
          zIndex: 1000,
          minWidth: '20rem',
          maxWidth: '28rem',
          textAlign: 'left',
          padding: '1rem',
          background: fr.colors.decisions.background.default.grey.default,
          boxShadow: isMobile ? undefined : '0 6px 18px 0 rgba(0, 0, 18, 0.16)',
        }}
      >
        <p className={fr.cx('fr-text--bold', 'fr-mb-0')}>{me.displayName}</p>
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
          {me.email}
        </p>
        {me.memberships.length > 0 && (
          <ul className={fr.cx('fr-text--sm', 'fr-mb-2w')} aria-label="Vos rôles">
            {me.memberships.map((m) => (
              <li key={`${m.organisationId}-${m.role}`}>
                {ROLE_LABELS[m.role]} – {m.organisationNom}
              </li>
            ))}
          </ul>
        )}
        <ul
          className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-0')}
          style={{ justifyContent: 'flex-start' }}
        >
          <li>
            <Link
              to="/compte"
              className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-user-setting-line', 'fr-btn--icon-left')}
              onClick={() => setOpen(false)}
            >
              Mon compte
            </Link>
          </li>
          <li>
            <button
              type="button"
              className={fr.cx('fr-btn', 'fr-btn--tertiary', 'fr-icon-logout-box-r-line', 'fr-btn--icon-left')}
              disabled={loggingOut}
              onClick={onLogout}
            >
              Se déconnecter
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
