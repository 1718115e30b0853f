import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { CLUB_EVENEMENT_TYPE_LABELS, CLUB_EVENEMENT_TYPES, CLUB_THEMES, PLAN_ACTION_THEME_LABELS, programmeToday } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { DEPARTEMENT_CODE, readDepartement, readers, useListParams, useUrlTextField, type ListFilters } from '../shared/use-list-params';
import { CalendrierAbonnement } from './calendrier-abonnement';
import { formatOu, formatPlaces, formatQuand } from './club-format';
import { useAgenda, type EvenementSummary } from './data/club.hooks';
import { InscriptionBadge } from './inscription.badge';

const PAGE_SIZE = 20;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = {
  type: readers.oneOf(CLUB_EVENEMENT_TYPES),
  theme: readers.oneOf(CLUB_THEMES),
  departement: readDepartement,
  du: readers.matching(ISO_DAY),
  au: readers.matching(ISO_DAY),
  q: readers.text(100),
  mes: readers.oneOf(['oui'] as const),
};
type Filters = ListFilters<typeof FILTERS>;

const COLUMNS: ListColumn<EvenementSummary, never>[] = [
  { key: 'quand', header: 'Date', cell: (e) => formatQuand(e) },
  {
    key: 'titre',
    header: 'Événement',
    cell: (e) => (
      <>
        <span className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ display: 'block' }}>
          {CLUB_EVENEMENT_TYPE_LABELS[e.type]}
        </span>
        <Link to={`/club/evenements/${e.id}`}>{e.titre}</Link>
        {e.themes.length > 0 && (
          <span className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ display: 'block', color: 'var(--text-mention-grey)' }}>
            {e.themes.map((t) => PLAN_ACTION_THEME_LABELS[t]).join(', ')}
          </span>
        )}
      </>
    ),
  },
  {
    key: 'places',
    header: 'Places',
    cell: (e) => (
      <>
        {formatPlaces(e)}
        {e.monInscription && (
          <span style={{ display: 'block' }}>
            <InscriptionBadge inscription={e.monInscription} small />
          </span>
        )}
      </>
    ),
  },
  { key: 'ou', header: 'Lieu', cell: (e) => formatOu(e) },
  { key: 'organisateur', header: 'Organisateur', cell: (e) => e.organisateurNom },
];

/** « Agenda du Club »: the published events to come (or of a period), filtered; the filters live in the URL. */
export function AgendaView() {
  const params = useListParams({ filters: FILTERS });
  const { filters } = params;
  const { data: me } = useMe();
  const inscrit = hasPermission(me, 'club:inscrire');
  const organise = hasPermission(me, 'club:organiser');
  useDocumentTitle(`Agenda du Club${params.filtered ? ' (filtré)' : ''}${params.page > 1 ? `, page ${params.page}` : ''}`);
  const list = useAgenda({
    type: filters.type,
    theme: filters.theme,
    departement: filters.departement,
    du: filters.du,
    au: filters.au,
    q: filters.q,
    mesInscriptions: filters.mes === 'oui',
    page: params.page,
    pageSize: PAGE_SIZE,
  });

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Agenda du Club</h1>
        {organise && (
          <Button className={fr.cx('fr-mb-3w')} priority="secondary" iconId="fr-icon-calendar-event-line" linkProps={{ to: '/club/organisation' }}>
            Mes événements organisés
          </Button>
        )}
      </div>
      <p className={fr.cx('fr-text--lead')}>
        Webinaires, semaines et saisons thématiques, ateliers, rencontre nationale, formations des partenaires et clubs départementaux du réseau des chefs de projet Petites villes
        de demain.
      </p>
      {inscrit && (
        <div className={fr.cx('fr-mb-3w')}>
          <CalendrierAbonnement />
        </div>
      )}
      <AgendaFiltersForm filters={filters} filtered={params.filtered} clearSearch={params.clearSearch} showMine={inscrit} onChange={(changes, replace) => params.setFilters(changes, { replace })} />
      <DataList
        caption="Agenda du Club"
        hideCaption
        label="Événements"
        columns={COLUMNS}
        rowKey={(e) => e.id}
        params={params}
        query={list}
        count={(total) => `${countOf('événement', 'événements')(total)}${params.filtered ? ' (filtrés)' : ' à venir'}`}
        empty="Aucun événement n’est annoncé pour le moment."
        emptyFiltered="Aucun événement ne correspond à ces filtres."
        loadingLabel="Chargement de l’agenda…"
        errorTitle="L’agenda n’a pas pu être chargé"
      />
    </>
  );
}

function AgendaFiltersForm({
  filters,
  filtered,
  clearSearch,
  showMine,
  onChange,
}: {
  filters: Filters;
  filtered: boolean;
  clearSearch: string;
  showMine: boolean;
  onChange: (changes: Partial<Filters>, replace?: boolean) => void;
}) {
  const search = useUrlTextField(filters.q, (q) => onChange({ q }, true));
  const departement = useUrlTextField(
    filters.departement,
    (code) => onChange({ departement: code.toUpperCase() }, true),
    (code) => code === '' || DEPARTEMENT_CODE.test(code.toUpperCase()),
  );
  const departementInvalid = departement.text.trim() !== '' && !DEPARTEMENT_CODE.test(departement.text.trim().toUpperCase());
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4');
  return (
    <form role="search" aria-label="Filtrer l’agenda" onSubmit={handleSubmit} className={fr.cx('fr-mb-4w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Recherche"
            hintText="Dans le titre"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              autoComplete: 'off',
              maxLength: 100,
              value: search.text,
              onChange: (event) => search.setText(event.currentTarget.value),
              onKeyDown: onEnter(search.commit),
            }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Type"
            name="type"
            choices={CLUB_EVENEMENT_TYPES}
            labels={CLUB_EVENEMENT_TYPE_LABELS}
            value={filters.type}
            onChange={(type) => onChange({ type: type ?? '' })}
            empty={{ label: 'Tous les types' }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Thème"
            name="theme"
            choices={CLUB_THEMES}
            labels={PLAN_ACTION_THEME_LABELS}
            value={filters.theme}
            onChange={(theme) => onChange({ theme: theme ?? '' })}
            empty={{ label: 'Tous les thèmes' }}
          />
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Département"
            hintText="Code, par exemple 23 (les événements nationaux restent listés)"
            state={departementInvalid ? 'error' : 'default'}
            stateRelatedMessage={departementInvalid ? 'Saisissez un code de département (23, 2A, 971…).' : undefined}
            nativeInputProps={{
              name: 'departement',
              autoComplete: 'off',
              spellCheck: false,
              maxLength: 3,
              value: departement.text,
              onChange: (event) => departement.setText(event.currentTarget.value),
              onKeyDown: onEnter(departement.commit),
            }}
          />
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Du"
            hintText={`Par défaut : aujourd’hui`}
            nativeInputProps={{ type: 'date', name: 'du', value: filters.du, max: filters.au || undefined, onChange: (event) => onChange({ du: event.currentTarget.value }) }}
          />
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Au"
            hintText="Jour inclus"
            nativeInputProps={{ type: 'date', name: 'au', value: filters.au, min: filters.du || programmeToday(), onChange: (event) => onChange({ au: event.currentTarget.value }) }}
          />
        </div>
      </div>
      {showMine && (
        <Checkbox
          className={fr.cx('fr-mt-3w', 'fr-mb-0')}
          options={[
            {
              label: 'Seulement mes inscriptions',
              nativeInputProps: { name: 'mes', checked: filters.mes === 'oui', onChange: (event) => onChange({ mes: event.currentTarget.checked ? 'oui' : '' }) },
            },
          ]}
        />
      )}
      {filtered && (
        <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
          <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: clearSearch }}>
            Effacer les filtres
          </Link>
        </p>
      )}
    </form>
  );
}
