import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { useDocumentTitle } from '../app/use-document-title';
import { NotFoundRoute } from '../routes/not-found.route';
import { usePublicFiche } from './data/fiches.hooks';
import { FicheContent } from './fiche-content';

/** A published project sheet, readable without an account; any other sheet is « Page non trouvée ». */
export function FichePublicView({ id }: { id: string }) {
  const fiche = usePublicFiche(id);
  useDocumentTitle(fiche.data ? `${fiche.data.titre} – Projetothèque` : fiche.isError && isApiError(fiche.error) && fiche.error.statusCode === 404 ? 'Page non trouvée' : 'Projetothèque');
  if (fiche.isError && isApiError(fiche.error) && fiche.error.statusCode === 404) return <NotFoundRoute />;
  return (
    <>
      <Breadcrumb
        currentPageLabel={fiche.data?.titre ?? 'Fiche-projet'}
        segments={[{ label: 'Projetothèque', linkProps: { to: '/projetotheque' } }]}
        className={fr.cx('fr-mt-0', 'fr-mb-2w')}
      />
      {fiche.isPending && <p role="status">Chargement de la fiche…</p>}
      {fiche.isError && <Alert severity="error" title="La fiche n’a pas pu être chargée" description="Réessayez dans un instant." />}
      {fiche.data && <FicheContent fiche={fiche.data} />}
    </>
  );
}
