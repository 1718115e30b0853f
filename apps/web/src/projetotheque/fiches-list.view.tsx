import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FICHE_STATUTS, FICHE_STATUT_LABELS, FICHE_THEME_LABELS, frenchDay, type FicheTheme } from '@suivi-pvd/domain';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { DataList, type ListColumn } from '../shared/data-list';
import { readers, useListParams } from '../shared/use-list-params';
import { useFiches, type FicheLigne } from './data/fiches.hooks';
import { FicheStatutBadge } from './fiche-suivi.view';

/**
 * The sheets the caller writes (« Mes fiches-projets ») or, for the ANCT, reviews (« Fiches à
 * relire », in review by default). The status filter lives in the URL.
 */
export function FichesListView({ mode }: { mode: 'mes' | 'revue' }) {
  const params = useListParams({ filters: { statut: readers.oneOf(FICHE_STATUTS) } });
  const statut = params.filters.statut || (mode === 'revue' && !params.filtered ? 'en_revue' : '');
  const list = useFiches(statut, params.page);
  const title = mode === 'revue' ? 'Fiches-projets à relire' : 'Mes fiches-projets';
  useDocumentTitle(title);
  const columns: ListColumn<FicheLigne, never>[] = [
    { key: 'titre', header: 'Fiche', cell: (f) => <Link to={`/projetotheque/fiches/${f.id}`}>{f.titre}</Link> },
    { key: 'pvd', header: 'Petite ville de demain', cell: (f) => f.pvdNom },
    { key: 'themes', header: 'Thèmes', cell: (f) => f.themes.map((t) => FICHE_THEME_LABELS[t as FicheTheme] ?? t).join(', ') },
    { key: 'statut', header: 'Statut', cell: (f) => <FicheStatutBadge statut={f.statut} /> },
    { key: 'date', header: 'Publiée le', cell: (f) => (f.publieeLe ? frenchDay(f.publieeLe) : '—') },
  ];
  const canWrite = (list.data?.pvdsRedigeables.length ?? 0) > 0;
  return (
    <>
      <h1>{title}</h1>
      <p>
        {mode === 'revue'
          ? 'Les fiches soumises par les chefs de projet : relisez-les, commentez, demandez des modifications ou publiez-les dans la projetothèque.'
          : 'Racontez un projet de votre petite ville de demain : l’ANCT relit la fiche puis la publie dans la projetothèque, ouverte à tous.'}{' '}
        <Link to="/projetotheque">Voir la projetothèque publique</Link>
      </p>
      {mode === 'mes' && canWrite && (
        <p>
          <Link className={fr.cx('fr-btn', 'fr-icon-add-line', 'fr-btn--icon-left')} to="/projetotheque/fiches/nouvelle">
            Nouvelle fiche-projet
          </Link>
        </p>
      )}
      <Select
        label="Statut"
        className={fr.cx('fr-mb-3w')}
        nativeSelectProps={{ value: params.filters.statut, onChange: (e) => params.setFilters({ statut: e.currentTarget.value as (typeof FICHE_STATUTS)[number] }) }}
      >
        <option value="">{mode === 'revue' ? 'En revue (par défaut)' : 'Tous les statuts'}</option>
        {FICHE_STATUTS.map((s) => (
          <option key={s} value={s}>
            {FICHE_STATUT_LABELS[s]}
          </option>
        ))}
      </Select>
      <DataList
        caption={title}
        hideCaption
        columns={columns}
        rowKey={(f) => f.id}
        params={params}
        query={list}
        count={(total) => `${total} fiche${total > 1 ? 's' : ''}`}
        empty={mode === 'revue' ? 'Aucune fiche à relire.' : 'Aucune fiche pour l’instant.'}
        emptyFiltered="Aucune fiche avec ce statut."
        loadingLabel="Chargement des fiches…"
        errorTitle="Les fiches n’ont pas pu être chargées"
      />
    </>
  );
}
