import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FINANCEMENT_STATUT_LABELS, FINANCEMENT_STATUTS, PILIER_LABELS, PILIERS, programmeToday } from '@suivi-pvd/domain';
import { ChoiceSelect, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { exportUrl, useDispositifs, useFinanceurs, useLignes, type LignesPage } from './data/financements.hooks';
import { REGIONS } from './financements-format';
import { apiFilters, DEPARTEMENT_CODE, filtersSearch, hasFilters, NO_FILTERS, readFilters, type FinancementFilters } from './financements.params';
import { LignePanel } from './ligne.form';
import { LignesTable, LignesTotals } from './lignes.table';

const PAGE_SIZE = 20;
const CURRENT_YEAR = Number(programmeToday().slice(0, 4));
const YEARS = Array.from({ length: CURRENT_YEAR - 2019 }, (_, i) => CURRENT_YEAR - i);

/** « Financements »: the lines the user may read, filtered (filters in the URL), with totals and exports. */
export function FinancementsView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const { data: me } = useMe();
  const admin = hasPermission(me, 'programme:parametrer');
  const list = useLignes({ ...apiFilters(filters), page: filters.page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  useDocumentTitle(`Financements${hasFilters(filters) ? ' (filtrés)' : ''}${filters.page > 1 ? `, page ${filters.page}` : ''}`);
  const update = (changes: Partial<FinancementFilters>, replace = false) => setSearchParams(filtersSearch({ ...filters, page: 1, ...changes }), { replace });

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Financements</h1>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')} style={{ width: 'auto' }}>
          {admin && (
            <li>
              <Button priority="tertiary" iconId="fr-icon-settings-5-line" linkProps={{ to: '/financements/dispositifs' }}>
                Catalogue des dispositifs
              </Button>
            </li>
          )}
          {list.data?.peutCreer && editing === undefined && (
            <li>
              <Button iconId="fr-icon-add-line" onClick={() => setEditing(null)}>
                Saisir un financement
              </Button>
            </li>
          )}
        </ul>
      </div>
      <p className={fr.cx('fr-text--lead')}>
        Les financements obtenus par les communes et EPCI des petites villes de demain, dispositif par dispositif : montants, statuts et leurs dates, source de la donnée.
      </p>
      {editing !== undefined && <LignePanel ligneId={editing} pvdId={filters.pvd} onClose={() => setEditing(undefined)} />}
      <FiltersForm filters={filters} onChange={update} />
      {list.isPending && <LoadingView label="Chargement des financements…" />}
      {list.isError && <QueryErrorAlert title="La liste des financements n’a pas pu être chargée" error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && <Results data={list.data} filters={filters} isFetching={list.isFetching} onEdit={(id) => setEditing(id)} />}
    </>
  );
}

/** A text filter bound to the URL: applied once the user pauses, or on Enter. */
function useUrlText(urlValue: string, apply: (text: string) => void, accept: (text: string) => boolean = () => true) {
  const [text, setText] = useState(urlValue);
  const debounced = useDebouncedValue(text, 300);
  const last = useRef(urlValue);
  useEffect(() => {
    if (urlValue !== last.current) {
      last.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);
  const commit = (value: string) => {
    const next = value.trim();
    if (next === last.current || !accept(next)) return;
    last.current = next;
    apply(next);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => commitRef.current(debounced), [debounced]);
  return { text, setText, commit: () => commit(text) };
}

function FiltersForm({ filters, onChange }: { filters: FinancementFilters; onChange: (changes: Partial<FinancementFilters>, replace?: boolean) => void }) {
  const dispositifs = useDispositifs();
  const financeurs = useFinanceurs();
  const search = useUrlText(filters.q, (q) => onChange({ q }, true));
  const departement = useUrlText(
    filters.departement,
    (code) => onChange({ departement: code.toUpperCase() }, true),
    (code) => code === '' || DEPARTEMENT_CODE.test(code.toUpperCase()),
  );
  const departementInvalid = departement.text.trim() !== '' && !DEPARTEMENT_CODE.test(departement.text.trim().toUpperCase());
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');
  // Funders of the catalogue only (those with dispositifs).
  const financeurIds = new Set((dispositifs.data?.dispositifs ?? []).map((d) => d.financeurId));
  const financeurChoices = (financeurs.data?.financeurs ?? []).filter((f) => financeurIds.has(f.id));

  return (
    <form role="search" aria-label="Filtrer les financements" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-4w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Recherche"
            hintText="Projet, référence, bénéficiaire"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              autoComplete: 'off',
              maxLength: 100,
              value: search.text,
              onChange: (e) => search.setText(e.currentTarget.value),
              onKeyDown: (e) => e.key === 'Enter' && search.commit(),
            }}
          />
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Dispositif" nativeSelectProps={{ name: 'dispositif', value: filters.dispositif, onChange: (e) => onChange({ dispositif: e.currentTarget.value }) }}>
            <option value="">Tous les dispositifs</option>
            {(dispositifs.data?.dispositifs ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Financeur" nativeSelectProps={{ name: 'financeur', value: filters.financeur, onChange: (e) => onChange({ financeur: e.currentTarget.value }) }}>
            <option value="">Tous les financeurs</option>
            {financeurChoices.map((f) => (
              <option key={f.id} value={f.id}>
                {f.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Pilier"
            name="pilier"
            choices={PILIERS}
            labels={PILIER_LABELS}
            value={filters.pilier ?? ''}
            onChange={(pilier) => onChange({ pilier })}
            empty={{ label: 'Les deux piliers' }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Statut"
            name="statut"
            choices={FINANCEMENT_STATUTS}
            labels={FINANCEMENT_STATUT_LABELS}
            value={filters.statut ?? ''}
            onChange={(statut) => onChange({ statut })}
            empty={{ label: 'Tous les statuts' }}
          />
        </div>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Année de campagne"
            nativeSelectProps={{ name: 'annee', value: filters.annee?.toString() ?? '', onChange: (e) => onChange({ annee: e.currentTarget.value ? Number(e.currentTarget.value) : null }) }}
          >
            <option value="">Toutes les années</option>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Région" nativeSelectProps={{ name: 'region', value: filters.region, onChange: (e) => onChange({ region: e.currentTarget.value }) }}>
            <option value="">Toutes les régions</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Département"
            hintText="Code, par exemple 23"
            state={departementInvalid ? 'error' : 'default'}
            stateRelatedMessage={departementInvalid ? 'Saisissez un code de département (23, 2A, 971…).' : undefined}
            nativeInputProps={{
              name: 'departement',
              autoComplete: 'off',
              spellCheck: false,
              maxLength: 3,
              value: departement.text,
              onChange: (e) => departement.setText(e.currentTarget.value),
              onKeyDown: (e) => e.key === 'Enter' && departement.commit(),
            }}
          />
        </div>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Programme"
            hint="Hors PVD : bénéficiaire qui n’est pas dans le programme aujourd’hui"
            nativeSelectProps={{
              name: 'horsPvd',
              value: filters.horsPvd,
              onChange: (e) => {
                const v = e.currentTarget.value;
                onChange({ horsPvd: v === 'true' || v === 'false' ? v : '' });
              },
            }}
          >
            <option value="">Toutes les lignes</option>
            <option value="false">Lignes du programme</option>
            <option value="true">Lignes hors PVD</option>
          </Select>
        </div>
      </div>
      {hasFilters(filters) && (
        <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
          <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: filtersSearch(NO_FILTERS) }}>
            Effacer les filtres
          </Link>
        </p>
      )}
    </form>
  );
}

function Results({ data, filters, isFetching, onEdit }: { data: LignesPage; filters: FinancementFilters; isFetching: boolean; onEdit: (id: string) => void }) {
  const { items, total, pageSize, totaux } = data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const summary =
    total === 0
      ? hasFilters(filters)
        ? 'Aucun financement ne correspond à ces filtres.'
        : 'Aucun financement n’est encore enregistré.'
      : `${formatNumber(total)} ligne${total > 1 ? 's' : ''} de financement${hasFilters(filters) ? ' (filtrées)' : ''}${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}.`;
  const params = apiFilters(filters);
  return (
    <section aria-label="Financements" aria-busy={isFetching}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: '0 1rem' }}>
        <p role="status" aria-live="polite">
          {summary}
        </p>
        {total > 0 && (
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left')} style={{ width: 'auto' }} aria-label="Exporter la sélection">
            <li>
              <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-download-line', 'fr-btn--icon-left')} href={exportUrl(params, 'csv')} download>
                Exporter en CSV
              </a>
            </li>
            <li>
              <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-download-line', 'fr-btn--icon-left')} href={exportUrl(params, 'xlsx')} download>
                Exporter en XLSX
              </a>
            </li>
          </ul>
        )}
      </div>
      {total > 0 && <LignesTotals totaux={totaux} label="Totaux de la sélection" />}
      {items.length > 0 && <LignesTable items={items} caption="Lignes de financement" showBeneficiaire onEdit={onEdit} />}
      {pageCount > 1 && <Pagination count={pageCount} defaultPage={page} showFirstLast getPageLinkProps={(n) => ({ to: filtersSearch({ ...filters, page: n }) })} />}
    </section>
  );
}
