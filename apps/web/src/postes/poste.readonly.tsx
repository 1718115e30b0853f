import { fr } from '@codegouvfr/react-dsfr';
import { COFINANCEUR_LABELS, HABITAT_OPERATION_TYPE_LABELS, formatEuros } from '@suivi-pvd/domain';
import { FactList } from '@suivi-pvd/ui';
import type { Poste } from './data/postes.hooks';
import { frDay } from './poste-format';

function span(debut: string | null, fin: string | null, sansDebut: string, sansFin: string): string {
  return `${debut ? `du ${frDay(debut)}` : sansDebut} ${fin ? `au ${frDay(fin)}` : sansFin}`;
}

/** The post as stored, for those who may read it but not change it. */
export function PosteReadonly({ poste }: { poste: Poste }) {
  const op = poste.operationHabitat;
  const facts: [string, string][] = [
    ['Intitulé', poste.intitule],
    ['Employeur', `${poste.employeurNom} (${poste.employeurType === 'commune' ? 'commune' : 'EPCI'})`],
    [
      'Coûts annuels chargés',
      poste.coutsAnnuels.length === 0 ? 'Non renseignés' : poste.coutsAnnuels.map((c) => `${c.annee} : ${formatEuros(c.cout)}`).join(' ; '),
    ],
    [
      'Cofinanceurs',
      poste.cofinanceurs.length === 0
        ? 'Aucun'
        : poste.cofinanceurs
            .map(
              (c) =>
                `${COFINANCEUR_LABELS[c.financeur]} (${span(c.debut, c.fin, 'depuis l’origine', 'jusqu’à la fin fixée par le programme')}${
                  c.part !== null ? `, part ${c.part} %` : ''
                })`,
            )
            .join(' ; '),
    ],
    [
      'Opération d’habitat liée',
      op ? `${HABITAT_OPERATION_TYPE_LABELS[op.type]}${op.libelle ? ` – ${op.libelle}` : ''} (${span(op.debut, op.fin, 'début non renseigné', 'en cours')})` : 'Aucune',
    ],
  ];
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <FactList items={facts} />
    </div>
  );
}
