import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

/** DSFR table markup with our own rows (keyed, with cells spanning columns), caption read by screen readers only. */
export function DsfrTable({ caption, headers, children }: { caption: string; headers: readonly ReactNode[]; children: ReactNode }) {
  return (
    <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--sm', 'fr-mb-2w')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((header, i) => (
                    <th key={i} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
