import { fr } from '@codegouvfr/react-dsfr';
import { formatNumber } from './format';

export interface StatTile {
  label: string;
  value: number;
  /** Highlights the figure (e.g. rejected lines) when it is not zero. */
  tone?: 'default' | 'success' | 'warning' | 'error';
}

export interface StatTilesProps {
  items: readonly StatTile[];
  /** Accessible name of the list, e.g. "Résumé de l'import". */
  label: string;
}

const TONE_COLOR: Record<NonNullable<StatTile['tone']>, string | undefined> = {
  default: undefined,
  success: fr.colors.decisions.text.default.success.default,
  warning: fr.colors.decisions.text.default.warning.default,
  error: fr.colors.decisions.text.default.error.default,
};

/** A row of key figures (value above its label). */
export function StatTiles({ items, label }: StatTilesProps) {
  return (
    <ul
      aria-label={label}
      className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-3w')}
      style={{ listStyle: 'none', paddingInlineStart: 0 }}
    >
      {items.map((item) => (
        <li key={item.label} className={fr.cx('fr-col-6', 'fr-col-md')} style={{ paddingBottom: 0 }}>
          <div
            className={fr.cx('fr-p-2w')}
            style={{
              height: '100%',
              border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
              borderBottom: `4px solid ${fr.colors.decisions.border.plain.blueFrance.default}`,
            }}
          >
            <p className={fr.cx('fr-h3', 'fr-mb-1v')}>
              <span style={{ color: item.value > 0 ? TONE_COLOR[item.tone ?? 'default'] : undefined }}>
                {formatNumber(item.value)}
              </span>
            </p>
            <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{item.label}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
