import { fr } from '@codegouvfr/react-dsfr';
import { exportHref } from '@suivi-pvd/domain';

export interface ExportLinksProps {
  /** The list's API path (« /api/pvd »): the export is its `/export`. */
  listPath: string;
  /** The list's current filters, as in the page's URL (page and page size are dropped). */
  filters: Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>;
  /** What is exported, for the links' accessible names (« les dossiers PVD »). */
  what: string;
}

/**
 * « Exporter en CSV » / « Exporter en XLSX »: plain download links carrying the list's current
 * filters, so the file holds what the list shows (every page), with the same scope.
 */
export function ExportLinks({ listPath, filters, what }: ExportLinksProps) {
  return (
    <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-2w')} aria-label={`Exporter ${what}`}>
      <li>
        <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-download-line', 'fr-btn--icon-left')} href={exportHref(listPath, filters, 'csv')} download title={`Exporter ${what} en CSV`}>
          Exporter en CSV
        </a>
      </li>
      <li>
        <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-download-line', 'fr-btn--icon-left')} href={exportHref(listPath, filters, 'xlsx')} download title={`Exporter ${what} en XLSX`}>
          Exporter en XLSX
        </a>
      </li>
    </ul>
  );
}
