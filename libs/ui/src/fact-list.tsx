import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

export interface FactListProps {
  /** Term and value pairs, in order. */
  items: [string, ReactNode][];
  /** Less space between the facts. */
  compact?: boolean;
}

/** A description list of facts: a small grey term above its value in bold. */
export function FactList({ items, compact = false }: FactListProps) {
  return (
    <dl className={fr.cx('fr-mb-0')} style={{ paddingInlineStart: 0 }}>
      {items.map(([term, value]) => (
        <div key={term} className={fr.cx(compact ? 'fr-mb-1w' : 'fr-mb-2w')}>
          <dt className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
            {term}
          </dt>
          <dd className={fr.cx('fr-text--bold', 'fr-mb-0')} style={{ marginInlineStart: 0, paddingInlineStart: 0 }}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
