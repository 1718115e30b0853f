import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { PvdImportView } from '../pvd-imports/pvd-import.view';
import { DensiteImportSection } from '../referentiel/densite-import.view';

export function PvdImportsRoute() {
  const { data: me } = useMe();
  return (
    <>
      <PvdImportView />
      {hasPermission(me, 'referentiel:importer') && <DensiteImportSection />}
    </>
  );
}
