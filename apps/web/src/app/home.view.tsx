import { fr } from '@codegouvfr/react-dsfr';
import { useDocumentTitle } from './use-document-title';

export function HomeView() {
  useDocumentTitle('Accueil');
  return (
    <>
      <h1>Suivi PVD</h1>
      <p className={fr.cx('fr-text--lead')}>
        Bienvenue sur la plateforme de suivi du programme Petites villes de demain.
      </p>
      <p>Aucune rubrique n'est encore ouverte à votre profil.</p>
    </>
  );
}
