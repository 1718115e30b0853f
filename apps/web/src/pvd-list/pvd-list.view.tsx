import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Input } from '@codegouvfr/react-dsfr/Input';
import {
  PVD_CONVENTION_STATUT_LABELS,
  PVD_CONVENTION_STATUTS,
  PVD_ORT_STATUT_LABELS,
  PVD_ORT_STATUTS,
  PVD_POSTE_FILTRE_LABELS,
  PVD_POSTE_FILTRES,
  PVD_RETARD_MOTIF_LABELS,
  formatDepartement,
  pvdPostesLabel,
  type PvdConventionStatut,
  type PvdRetardMotif,
} from '@suivi-pvd/domain';
import { ChoiceSelect, formatNumber } from '@suivi-pvd/ui';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { CONVENTION_STATE_SEVERITY, formatShortDate } from '../conventions/convention-format';
import { useAireLabels, type AireLabels } from '../referentiel/data/aires.hooks';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { TerritoireSelects } from '../shared/territoire-selects';
import { readDepartement, readers, useListParams, useUrlTextField } from '../shared/use-list-params';
import { OrtStatutBadge } from '../territoire/ort.section';
import { usePvdAires, usePvdList, type PvdListItem, type PvdTri } from './data/pvd-list.hooks';

const PAGE_SIZE = 20;
const SORTS = ['nom', 'departement', 'echeance', 'miseAJour'] as const satisfies readonly PvdTri[];
const RETARD_CHOICES = ['true', 'false'] as const;
const RETARD_LABELS: Record<(typeof RETARD_CHOICES)[number], string> = { true: 'En retard', false: 'Sans retard' };
/** The badges of what is late, short enough for a table cell (the export and the filter say it in full). */
const RETARD_BADGES: Record<PvdRetardMotif, string> = { cadre_en_retard: PVD_RETARD_MOTIF_LABELS.cadre_en_retard, a_completer_sans_reponse: 'À compléter, sans réponse' };
/** The URL's filters, named as the API names them (the export takes them as they are). */
const FILTERS = {
  q: readers.text(100),
  region: readers.matching(/^\d{2}$/),
  departement: readDepartement,
  adhesion: readers.oneOf(PVD_CONVENTION_STATUTS),
  cadre: readers.oneOf(PVD_CONVENTION_STATUTS),
  ort: readers.oneOf(PVD_ORT_STATUTS),
  poste: readers.oneOf(PVD_POSTE_FILTRES),
  enRetard: readers.oneOf(RETARD_CHOICES),
};

/** A convention's state as a badge, and the day that goes with it: signed on, or in this state since. */
function ConventionCell({ etat, dateSignature, depuis }: { etat: PvdConventionStatut; dateSignature: string | null; depuis: string | null }) {
  if (etat === 'aucune') return <>Aucune</>;
  const severity = CONVENTION_STATE_SEVERITY[etat];
  const day = etat === 'signee' ? (dateSignature ? `le ${formatShortDate(dateSignature)}` : null) : depuis ? `depuis le ${formatShortDate(depuis)}` : null;
  return (
    <>
      <Badge as="span" small noIcon {...(severity ? { severity } : {})}>
        {PVD_CONVENTION_STATUT_LABELS[etat]}
      </Badge>
      {day && (
        <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
          {day}
        </span>
      )}
    </>
  );
}

/** The deadline of the convention-cadre and what is late today. */
function EcheanceCell({ pvd }: { pvd: PvdListItem }) {
  const { cadre, retards } = pvd;
  return (
    <>
      {cadre.dateLimite ? formatShortDate(cadre.dateLimite) : <span className={fr.cx('fr-text--xs')}>Sans échéance</span>}
      {retards.map((motif) => (
        <Badge
          key={motif}
          as="span"
          small
          severity={motif === 'cadre_en_retard' ? 'error' : 'warning'}
          style={{ display: 'table', marginTop: '0.25rem' }}
        >
          {motif === 'cadre_en_retard' && cadre.joursDeRetard !== null
            ? `En retard de ${formatNumber(cadre.joursDeRetard)} jour${cadre.joursDeRetard > 1 ? 's' : ''}`
            : RETARD_BADGES[motif]}
        </Badge>
      ))}
    </>
  );
}

/** The départements of a PVD's communes, main one first: « Creuse (23) », or two for a binôme across a border. */
function departementsOf(pvd: PvdListItem, labels: AireLabels): string {
  const others = [...new Set(pvd.communes.map((c) => c.departementCode))].filter((code) => code !== pvd.departementCode);
  return [formatDepartement(pvd.departementCode, pvd.departementNom), ...others.map(labels.departement)].join(', ');
}

function columns(labels: AireLabels): ListColumn<PvdListItem, (typeof SORTS)[number]>[] {
  return [
    {
      key: 'nom',
      header: 'Petite ville de demain',
      sort: 'nom',
      cell: (pvd) => (
        // The cell may wrap (a long EPCI name): the table's many columns then fit on a desk.
        <div style={{ whiteSpace: 'normal', minWidth: '8rem', maxWidth: '12rem' }}>
          <Link to={`/pvd/${encodeURIComponent(pvd.id)}`}>{pvd.nom}</Link>
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {pvd.provisoire ? `${pvd.idPvd} (provisoire)` : pvd.dateRetrait ? `${pvd.idPvd} (retirée le ${formatShortDate(pvd.dateRetrait)})` : pvd.idPvd}
            {pvd.epciNom ? ` · ${pvd.epciNom}` : ''}
          </span>
        </div>
      ),
    },
    { key: 'departement', header: 'Département', sort: 'departement', cell: (pvd) => <div style={{ whiteSpace: 'normal', maxWidth: '9rem' }}>{departementsOf(pvd, labels)}</div> },
    { key: 'adhesion', header: 'Convention d’adhésion', cell: (pvd) => <ConventionCell {...pvd.adhesion} /> },
    { key: 'cadre', header: 'Convention-cadre', cell: (pvd) => <ConventionCell {...pvd.cadre} /> },
    { key: 'echeance', header: 'Échéance', sort: 'echeance', cell: (pvd) => <EcheanceCell pvd={pvd} /> },
    { key: 'ort', header: 'ORT', cell: (pvd) => (pvd.ort === 'aucune' ? PVD_ORT_STATUT_LABELS.aucune : <OrtStatutBadge statut={pvd.ort} />) },
    { key: 'postes', header: 'Postes', cell: (pvd) =>
        // « 2 postes, 1 vacant, 1 cofinancé », one part a line.
        pvdPostesLabel(pvd.postes)
          .split(', ')
          .map((part) => (
            <span key={part} style={{ display: 'block' }}>
              {part}
            </span>
          )),
    },
    { key: 'miseAJour', header: 'Mise à jour', sort: 'miseAJour', cell: (pvd) => formatShortDate(pvd.miseAJour) },
  ];
}

/**
 * « Dossiers PVD »: the PVDs the user may see and where each stands today (conventions, deadline
 * and lateness, ORT, posts, last change), searched, filtered, sorted; all of it in the URL, and
 * exported with the same filters. A partner's are those where its organisation funds something (their summary).
 */
export function PvdListView() {
  const { data: me } = useMe();
  const partner = !hasPermission(me, 'pvd:lire');
  const params = useListParams({ filters: FILTERS, sorts: SORTS });
  const { filters } = params;
  const labels = useAireLabels();
  const aires = usePvdAires();
  const area = filters.departement ? labels.departement(filters.departement) : filters.region ? labels.region(filters.region) : null;
  useDocumentTitle(`Dossiers PVD${area ? ` : ${area}` : ''}${filters.enRetard === 'true' ? ', en retard' : ''}${filters.q ? ` : « ${filters.q} »` : ''}${params.page > 1 ? `, page ${params.page}` : ''}`);
  const list = usePvdList({ ...filters, tri: params.sort ?? '', page: params.page, pageSize: PAGE_SIZE });

  const change = (changes: Partial<typeof filters>) => params.setFilters(changes, { replace: true });
  const search = useUrlTextField(filters.q, (text) => change({ q: text }));
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') search.commit();
  };
  // A single région or département in the user's territory: nothing to choose.
  const manyRegions = (aires.data?.regions.length ?? 0) > 1 || filters.region !== '';
  const manyDepartements = (aires.data?.departements.length ?? 0) > 1 || filters.departement !== '';
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');
  const narrow = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-2');
  const caption = `Petites villes de demain${area ? ` – ${area}` : ''}`;

  return (
    <>
      <h1>Dossiers PVD</h1>
      <p className={fr.cx('fr-text--lead')}>
        {partner
          ? 'Les Petites villes de demain où votre organisation finance une mission d’expertise, une ligne de financement ou une opération d’habitat, et le résumé de leur dossier.'
          : 'Les Petites villes de demain de votre territoire, où en sont leurs conventions, leur ORT et leurs postes.'}
      </p>
      <form role="search" aria-label="Filtrer les dossiers PVD" onSubmit={(event: FormEvent) => event.preventDefault()} className={fr.cx('fr-mb-3w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Recherche"
              hintText="Nom d’une commune, code INSEE ou identifiant PVD"
              nativeInputProps={{
                type: 'search',
                name: 'q',
                autoComplete: 'off',
                maxLength: 100,
                value: search.text,
                onChange: (event) => search.setText(event.currentTarget.value),
                onKeyDown: onEnter,
              }}
            />
          </div>
          {(manyRegions || manyDepartements) && (
            <TerritoireSelects
              className={col}
              region={filters.region}
              departement={filters.departement}
              regions={manyRegions ? aires.data?.regions : undefined}
              departements={aires.data?.departements}
              onChange={change}
            />
          )}
        </div>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom', 'fr-mt-1v')}>
          <div className={narrow}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Retards"
              name="enRetard"
              choices={RETARD_CHOICES}
              labels={RETARD_LABELS}
              value={filters.enRetard}
              onChange={(enRetard) => change({ enRetard: enRetard ?? '' })}
              empty={{ label: 'Toutes les PVD' }}
            />
          </div>
          <div className={narrow}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Convention d’adhésion"
              name="adhesion"
              choices={PVD_CONVENTION_STATUTS}
              labels={PVD_CONVENTION_STATUT_LABELS}
              value={filters.adhesion}
              onChange={(adhesion) => change({ adhesion: adhesion ?? '' })}
              empty={{ label: 'Tous les états' }}
            />
          </div>
          <div className={narrow}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Convention-cadre"
              name="cadre"
              choices={PVD_CONVENTION_STATUTS}
              labels={PVD_CONVENTION_STATUT_LABELS}
              value={filters.cadre}
              onChange={(cadre) => change({ cadre: cadre ?? '' })}
              empty={{ label: 'Tous les états' }}
            />
          </div>
          <div className={narrow}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="ORT" name="ort" choices={PVD_ORT_STATUTS} labels={PVD_ORT_STATUT_LABELS} value={filters.ort} onChange={(ort) => change({ ort: ort ?? '' })} empty={{ label: 'Tous' }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Postes"
              name="poste"
              choices={PVD_POSTE_FILTRES}
              labels={PVD_POSTE_FILTRE_LABELS}
              value={filters.poste}
              onChange={(poste) => change({ poste: poste ?? '' })}
              empty={{ label: 'Tous' }}
            />
          </div>
        </div>
        {params.filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: params.clearSearch }}>
              Effacer les filtres
            </Link>
          </p>
        )}
      </form>

      <DataList
        caption={caption}
        label="Dossiers"
        compact
        columns={columns(labels)}
        rowKey={(pvd) => pvd.id}
        params={params}
        query={list}
        defaultSort="nom"
        count={(total) => `${countOf('Petite ville de demain', 'Petites villes de demain')(total)}${filters.enRetard === 'true' ? ' en retard' : ''}${area ? ` – ${area}` : ''}`}
        empty={partner ? 'Votre organisation ne finance encore rien dans une Petite ville de demain.' : 'Aucune Petite ville de demain dans votre périmètre.'}
        emptyFiltered="Aucune Petite ville de demain ne correspond à ces filtres."
        loadingLabel="Chargement des dossiers…"
        errorTitle="La liste des dossiers n’a pas pu être chargée"
        exportTo={{ listPath: '/api/pvd', what: 'les dossiers PVD' }}
      />
    </>
  );
}
