import { fr } from '@codegouvfr/react-dsfr';
import { ROLE_LABELS } from '@suivi-pvd/domain';
import { useDocumentTitle } from '../app/use-document-title';
import { ChangePasswordForm } from './change-password.form';
import type { Me } from './data/session.hooks';

/** "Mon compte": identity, memberships and password change. */
export function AccountView({ me }: { me: Me }) {
  useDocumentTitle('Mon compte');
  return (
    <>
      <h1>Mon compte</h1>
      <section aria-labelledby="identite-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="identite-titre">Identité</h2>
        <dl style={{ paddingLeft: 0 }}>
          <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>Nom</dt>
          <dd className={fr.cx('fr-mb-2w')} style={{ marginLeft: 0, paddingLeft: 0 }}>
            {me.displayName}
          </dd>
          <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>Adresse électronique</dt>
          <dd className={fr.cx('fr-mb-2w')} style={{ marginLeft: 0, paddingLeft: 0 }}>
            {me.email}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="rattachements-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="rattachements-titre">Organisations et rôles</h2>
        {me.memberships.length === 0 ? (
          <p>Votre compte n'est rattaché à aucune organisation.</p>
        ) : (
          <ul>
            {me.memberships.map((m) => (
              <li key={`${m.organisationId}-${m.role}`}>
                <strong>{ROLE_LABELS[m.role]}</strong> – {m.organisationNom}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ChangePasswordForm email={me.email} />
    </>
  );
}
