import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { useDocumentTitle } from './use-document-title';

export function ForbiddenView() {
  useDocumentTitle('Accès refusé');
  return (
    <>
      <h1>Accès refusé</h1>
      <p className={fr.cx('fr-text--lead')}>
        Votre profil ne permet pas d'accéder à cette page.
      </p>
      <p>
        <Link to="/" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Retour à l'accueil
        </Link>
      </p>
    </>
  );
}
