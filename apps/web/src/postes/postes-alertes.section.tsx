import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { POSTE_ALERTE_CODES, POSTE_ALERTE_LABELS, type PosteAlerteCode } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { usePostesAlertes, type PosteAlerteItem } from './data/postes.hooks';

const PAGE_SIZE = 10;

/** Short labels for the filter buttons. */
const SHORT_LABELS: Record<PosteAlerteCode, string> = {
  POSTE_VACANT: 'Vacants depuis plus de 3 mois',
  DEMANDE_ANNUELLE_MANQUANTE: 'Demande annuelle manquante',
  FIN_COFINANCEMENT_PROCHE: 'Cofinancement qui s’achève',
};

/**
 * The chef de projet posts of the territory that need the préfecture's attention: vacant for more
 * than 3 months, yearly request missing, co-financing ending within 6 months. Its own filter and
 * paging, independent of the page around it.
 */
export function PostesAlertesSection() {
  const [code, setCode] = useState<PosteAlerteCode | null>(null);
  const [page, setPage] = useState(1);
  const list = usePostesAlertes({ code, page, pageSize: PAGE_SIZE });
  const tableRef = useRef<HTMLDivElement>(null);

  const choose = (next: PosteAlerteCode | null) => {
    setCode(next);
    setPage(1);
  };
  const goTo = (next: number) => {
    setPage(next);
    requestAnimationFrame(() => tableRef.current?.focus());
  };

  const counts = list.data?.parMotif;
  const all = counts ? POSTE_ALERTE_CODES.reduce((sum, c) => sum + counts[c], 0) : undefined;
  const filters: { value: PosteAlerteCode | null; label: string; count: number | undefined }[] = [
    { value: null, label: 'Tous les motifs', count: all },
    ...POSTE_ALERTE_CODES.map((c) => ({ value: c, label: SHORT_LABELS[c], count: counts?.[c] })),
  ];

  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = list.data?.items ?? [];
  const summary = !list.data
    ? ''
    : total === 0
      ? code
        ? 'Aucun poste pour ce motif.'
        : 'Aucun poste de chef de projet à suivre : tout est à jour.'
      : `${formatNumber(total)} point${total > 1 ? 's' : ''} d’attention${code ? ` – ${POSTE_ALERTE_LABELS[code]}` : ''}${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}.`;

  return (
    <section aria-labelledby="postes-alertes-titre" className={fr.cx('fr-mt-6w', 'fr-mb-4w')}>
      <h2 id="postes-alertes-titre" className={fr.cx('fr-h3')}>
        Postes de chef de projet à suivre
      </h2>
      <p>Les postes vacants depuis plus de 3 mois, les demandes de cofinancement annuelles non déposées et les cofinancements qui s’achèvent dans moins de 6 mois.</p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')} aria-label="Filtrer par motif">
        {filters.map((f) => {
          const pressed = f.value === code;
          return (
            <li key={f.value ?? 'tous'}>
              <Button type="button" size="small" priority={pressed ? 'primary' : 'secondary'} nativeButtonProps={{ 'aria-pressed': pressed }} onClick={() => choose(f.value)}>
                {f.label}
                {f.count === undefined ? '' : ` (${formatNumber(f.count)})`}
              </Button>
            </li>
          );
        })}
      </ul>
      {list.isPending && <LoadingView label="Chargement des postes à suivre…" />}
      {list.isError && (
        <QueryErrorAlert title="La liste des postes à suivre n'a pas pu être chargée" error={list.error} onRetry={() => void list.refetch()} />
      )}
      <div ref={tableRef} tabIndex={-1} style={{ outline: 'none' }} aria-busy={list.isFetching}>
        <p role="status" aria-live="polite" className={fr.cx('fr-mb-1w')}>
          {summary}
        </p>
        {items.length > 0 && (
          <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--bordered', 'fr-table--multiline')}>
            <div className={fr.cx('fr-table__wrapper')}>
              <div className={fr.cx('fr-table__container')} style={{ position: 'relative' }}>
                <div className={fr.cx('fr-table__content')}>
                  <table>
                    <caption>Postes de chef de projet à suivre</caption>
                    <thead>
                      <tr>
                        <th scope="col">Petite ville de demain</th>
                        <th scope="col">Poste</th>
                        <th scope="col">Motif</th>
                        <th scope="col">Détail</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item) => (
                        <AlerteRow key={`${item.posteId}-${item.alerte.code}-${item.alerte.date}`} item={item} />
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
      </div>
      {pageCount > 1 && (
        <nav aria-label="Pages des postes à suivre">
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
            <li>
              <Button type="button" size="small" priority="secondary" iconId="fr-icon-arrow-left-s-line" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                Page précédente
              </Button>
            </li>
            <li>
              <Button type="button" size="small" priority="secondary" iconId="fr-icon-arrow-right-s-line" disabled={page >= pageCount} onClick={() => goTo(page + 1)}>
                Page suivante
              </Button>
            </li>
          </ul>
        </nav>
      )}
    </section>
  );
}

function AlerteRow({ item }: { item: PosteAlerteItem }) {
  return (
    <tr>
      <td>
        <Link to={`/pvd/${encodeURIComponent(item.pvdId)}`}>{item.pvdNom}</Link>
        <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
          Département {item.departementCode}
        </span>
      </td>
      <td>
        <Link to={`/postes/${encodeURIComponent(item.posteId)}`}>{item.intitule}</Link>
      </td>
      <td>
        <Badge small noIcon severity={item.alerte.niveau}>
          {SHORT_LABELS[item.alerte.code]}
        </Badge>
      </td>
      <td>{item.alerte.message}</td>
    </tr>
  );
}
