import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { isApiError } from '@suivi-pvd/api-client';
import { indicateur, INDICATEUR_SECTIONS, VENTILATION_LABELS } from '@suivi-pvd/domain';
import { formatDate, formatNumber } from '@suivi-pvd/ui';
import { Link, useParams, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { detailExportUrl, useDetail, type DetailPage } from './data/pilotage.hooks';
import { detailPath, readVueDetail, tableauPath, type VueDetail } from './pilotage.params';
import { formatValeur, jour } from './pilotage-format';

const PAGE_SIZE = 50;

/**
 * The list behind a figure (a map area, a chart segment): the records the figure counts, for the
 * same scope and day, by page, with CSV and XLSX exports. Scope, day, breakdown key and page are
 * in the URL, so the list can be bookmarked and shared.
 */
export function IndicateurDetailView() {
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const vue = readVueDetail(id, searchParams);
  if (!vue) {
    return (
      <>
        <h1>Indicateur inconnu</h1>
        <p>
          <Link to="/tableau-de-bord">Revenir au tableau de bord</Link>
        </p>
      </>
    );
  }
  return <DetailList vue={vue} />;
}

function DetailList({ vue }: { vue: VueDetail }) {
  const def = indicateur(vue.id);
  const list = useDetail(vue.id, vue, vue.ventilation, vue.cle, vue.page, PAGE_SIZE);
  const filtre = vue.ventilation ? `${VENTILATION_LABELS[vue.ventilation].replace(/^par /, '')} : ${vue.cle}` : '';
  const titre = `${def.libelle}${filtre ? ` (${filtre})` : ''}`;
  useDocumentTitle(`${titre} – liste${vue.page > 1 ? `, page ${vue.page}` : ''}`);
  const back = tableauPath({ section: INDICATEUR_SECTIONS.find((s) => s === def.section) ?? 'programme', portee: vue.portee, code: vue.code, date: vue.date, comparaison: vue.comparaison });
  const forbidden = list.isError && isApiError(list.error) && list.error.statusCode === 403;

  return (
    <>
      <Breadcrumb currentPageLabel={titre} segments={[{ label: 'Tableau de bord', linkProps: { to: back } }]} className={fr.cx('fr-mt-0', 'fr-mb-2w')} />
      <h1>{titre}</h1>
      <p className={fr.cx('fr-text--lead')}>{def.definition}</p>
      <p>
        <Link to={back} className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Revenir au tableau de bord
        </Link>
      </p>
      {forbidden && <Alert severity="error" title="Accès refusé" description={list.error.message} />}
      {list.isError && !forbidden && <QueryErrorAlert title="La liste n’a pas pu être chargée" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingView label="Chargement de la liste…" />}
      {list.data && <Results data={list.data} vue={vue} titre={titre} fetching={list.isFetching} />}
    </>
  );
}

function cell(value: unknown, kind: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'euros') return formatValeur(Number(value), 'euros');
  if (kind === 'nombre') return formatNumber(Number(value));
  if (kind === 'date') return formatDate(String(value)) ?? String(value);
  return String(value);
}

function Results({ data, vue, titre, fetching }: { data: DetailPage; vue: VueDetail; titre: string; fetching: boolean }) {
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const scope = { portee: vue.portee, code: vue.code, date: vue.date };
  return (
    <section aria-labelledby="liste-titre" aria-busy={fetching}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h2 id="liste-titre" className={fr.cx('fr-h5', 'fr-mb-1w')} role="status">
          {data.total === 0 ? 'Aucun enregistrement' : `${formatNumber(data.total)} enregistrement${data.total > 1 ? 's' : ''}`}
          {vue.date ? ` au ${jour(vue.date)}` : ''}
        </h2>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')} style={{ width: 'auto' }}>
          <li>
            <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-download-line', 'fr-btn--icon-left')} href={detailExportUrl(vue.id, scope, vue.ventilation, vue.cle, 'csv')} download>
              Exporter en CSV
            </a>
          </li>
          <li>
            <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-download-line', 'fr-btn--icon-left')} href={detailExportUrl(vue.id, scope, vue.ventilation, vue.cle, 'xlsx')} download>
              Exporter en XLSX
            </a>
          </li>
        </ul>
      </div>
      {data.total > 0 && (
        <div className={fr.cx('fr-table', 'fr-table--sm', 'fr-table--no-caption')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>{titre}</caption>
                  <thead>
                    <tr>
                      {data.colonnes.map((c) => (
                        <th key={c.cle} scope="col" className={c.kind === 'euros' || c.kind === 'nombre' ? fr.cx('fr-cell--right') : undefined}>
                          {c.libelle}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.lignes.map((row, i) => (
                      <tr key={i}>
                        {data.colonnes.map((c) => (
                          <td key={c.cle} className={c.kind === 'euros' || c.kind === 'nombre' ? fr.cx('fr-cell--right') : undefined}>
                            {cell(row[c.cle], c.kind)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {pageCount > 1 && (
        <Pagination count={pageCount} defaultPage={vue.page} showFirstLast getPageLinkProps={(n) => ({ to: detailPath({ ...vue, page: n }) })} />
      )}
    </section>
  );
}
