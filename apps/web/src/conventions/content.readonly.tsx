import { fr } from '@codegouvfr/react-dsfr';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { PLAN_ACTION_STATUT_LABELS, PLAN_ACTION_THEME_LABELS } from '@suivi-pvd/domain';
import type { ReactNode } from 'react';
import { hasField } from './content-draft';
import { formatShortDate } from './convention-format';
import type { Convention } from './data/convention.hooks';

const EMPTY = 'Non renseigné';

/** The content of a convention that the user cannot (or can no longer) change. */
export function ContentReadonly({ convention }: { convention: Convention }) {
  const type = convention.type;
  return (
    <>
      {hasField(type, 'objet') && <Block title="Objet de l'avenant">{convention.objet}</Block>}
      {hasField(type, 'diagnostic') && <Block title="Synthèse du diagnostic">{convention.diagnostic}</Block>}
      {hasField(type, 'strategie') && <Block title="Stratégie de revitalisation">{convention.strategie}</Block>}
      {hasField(type, 'vautOrt') && (
        <Block title="Vaut ORT">{convention.vautOrt ? 'Oui, la convention-cadre vaut ORT' : 'Non'}</Block>
      )}
      {hasField(type, 'signataires') && (
        <section aria-labelledby="signataires-lecture" className={fr.cx('fr-mb-3w')}>
          <h3 id="signataires-lecture" className={fr.cx('fr-h6', 'fr-mb-1w')}>
            Signataires
          </h3>
          {convention.signataires.length === 0 ? (
            <p>Aucun signataire.</p>
          ) : (
            <Table
              fixed
              headers={['Nom', 'Qualité', 'Organisme']}
              data={convention.signataires.map((s) => [s.nom, s.qualite, s.organisme])}
            />
          )}
        </section>
      )}
      {hasField(type, 'actions') && (
        <section aria-labelledby="actions-lecture" className={fr.cx('fr-mb-3w')}>
          <h3 id="actions-lecture" className={fr.cx('fr-h6', 'fr-mb-1w')}>
            Plan d'actions
          </h3>
          {convention.actions.length === 0 ? (
            <p>Aucune action.</p>
          ) : (
            <Table
              headers={['N°', 'Intitulé', 'Thématique', 'Porteur', 'Début prévu', 'Fin prévue', 'Statut']}
              data={convention.actions.map((a, i) => [
                String(i + 1),
                a.intitule,
                PLAN_ACTION_THEME_LABELS[a.thematique],
                a.porteur ?? '—',
                formatShortDate(a.dateDebut) || '—',
                formatShortDate(a.dateFin) || '—',
                PLAN_ACTION_STATUT_LABELS[a.statut],
              ])}
            />
          )}
        </section>
      )}
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={fr.cx('fr-mb-3w')}>
      <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{title}</h3>
      <p style={{ whiteSpace: 'pre-line' }}>{children ?? EMPTY}</p>
    </div>
  );
}
