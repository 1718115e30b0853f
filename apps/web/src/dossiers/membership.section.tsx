import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { programmeToday } from '@suivi-pvd/domain';
import { formatDate } from '@suivi-pvd/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { LoadingView } from '../app/loading.view';
import { hasPermission } from '../auth/permissions';
import { useMe } from '../auth/data/session.hooks';
import { dossierKeys } from './data/dossier.hooks';

type Period = ApiResponse<'/api/pvd/{id}/adhesions', 'get'>[number];

const START: Record<Period['motifDebut'], string> = {
  selection: 'Sélection',
  deplacement: 'Venue d’une autre PVD',
  reprise: 'Reprise des données existantes',
};
const END: Record<NonNullable<Period['motifFin']>, string> = {
  retrait: 'Retrait du programme',
  deplacement: 'Passage dans une autre PVD',
};

const membershipKey = (pvdId: string) => ['dossiers', 'adhesions', pvdId] as const;

/** Who joined the PVD when, who left when and why; the ANCT withdraws a commune from here. */
export function MembershipSection({ pvdId }: { pvdId: string }) {
  const me = useMe();
  const canWithdraw = hasPermission(me.data, 'pvd:importer');
  const periods = useQuery({
    queryKey: membershipKey(pvdId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}/adhesions', { params: { path: { id: pvdId } }, signal })),
  });
  const [withdrawing, setWithdrawing] = useState<Period | null>(null);

  return (
    <section aria-labelledby="adhesions-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="adhesions-titre" className={fr.cx('fr-h3')}>
        Adhésion au programme
      </h2>
      {periods.isPending && <LoadingView label="Chargement des adhésions…" />}
      {periods.isError && <QueryErrorAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {periods.data && periods.data.length === 0 && <p>Aucune période d'adhésion enregistrée.</p>}
      {periods.data && periods.data.length > 0 && (
        <Table
          caption="Historique des adhésions des communes de cette PVD"
          bordered
          headers={['Commune', 'Entrée', 'Sortie', 'Motif', ...(canWithdraw ? ['Action'] : [])]}
          data={periods.data.map((p) => [
            `${p.nom} (${p.insee})`,
            `${formatDate(p.debut)} – ${START[p.motifDebut]}${p.importDebut ? ` (fichier ${p.importDebut})` : ''}`,
            p.fin ? `${formatDate(p.fin)} – ${p.motifFin ? END[p.motifFin] : ''}` : 'En cours',
            p.commentaire ?? '—',
            ...(canWithdraw
              ? [
                  p.fin === null ? (
                    <Button key="a" size="small" priority="secondary" onClick={() => setWithdrawing(p)}>
                      Retirer {p.nom} du programme
                    </Button>
                  ) : (
                    '—'
                  ),
                ]
              : []),
          ])}
        />
      )}
      {withdrawing && <WithdrawForm pvdId={pvdId} period={withdrawing} onDone={() => setWithdrawing(null)} />}
    </section>
  );
}

/** The confirmation of a withdrawal: its day and its reason, then an explicit confirmation. */
function WithdrawForm({ pvdId, period, onDone }: { pvdId: string; period: Period; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [date, setDate] = useState(programmeToday());
  const [motif, setMotif] = useState('');
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/pvd/{id}/communes/{insee}/retrait', { params: { path: { id: pvdId, insee: period.insee } }, body: { date, motif } })),
    onSuccess: (periods) => {
      queryClient.setQueryData(membershipKey(pvdId), periods);
      void queryClient.invalidateQueries({ queryKey: dossierKeys.detail(pvdId) });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.historyOf(pvdId) });
      onDone();
    },
  });
  return (
    <form
      aria-label={`Retrait de ${period.nom}`}
      className={fr.cx('fr-mt-3w')}
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate();
      }}
    >
      <Alert
        className={fr.cx('fr-mb-2w')}
        severity="warning"
        small
        description={`${period.nom} ne fera plus partie du programme à partir du jour indiqué. Son historique est conservé ; un import ne la réintégrera pas.`}
      />
      <Input label="Jour du retrait" nativeInputProps={{ type: 'date', required: true, value: date, min: period.debut, onChange: (e) => setDate(e.currentTarget.value) }} />
      <Input label="Motif (délibération, décision…)" nativeInputProps={{ required: true, minLength: 3, value: motif, onChange: (e) => setMotif(e.currentTarget.value) }} />
      {withdraw.isError && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={errorMessage(withdraw.error)} />}
      <Button type="submit" disabled={withdraw.isPending} className={fr.cx('fr-mr-2w')}>
        Confirmer le retrait de {period.nom}
      </Button>
      <Button type="button" priority="secondary" onClick={onDone}>
        Annuler
      </Button>
    </form>
  );
}
