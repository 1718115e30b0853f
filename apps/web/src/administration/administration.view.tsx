import { fr } from '@codegouvfr/react-dsfr';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import type { Me } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { ComptesTab } from './comptes.tab';
import { useDevEmails } from './data/dev-emails.hooks';
import { DevEmailsTab } from './dev-emails.tab';
import { JobsTab } from './jobs.tab';
import { JournalTab } from './journal.tab';
import { OrganisationsTab } from './organisations.tab';

type TabId = 'comptes' | 'organisations' | 'journal' | 'taches' | 'courriels';

const TAB_LABELS: Record<TabId, string> = {
  comptes: 'Comptes',
  organisations: 'Organisations',
  journal: 'Journal',
  taches: 'Tâches de fond',
  courriels: 'Courriels de développement',
};

/** Administration: accounts, organisations, audit log and (outside production) captured emails. */
export function AdministrationView({ me }: { me: Me }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const canInvite = hasPermission(me, 'comptes:inviter');
  // Only answers on development and demo instances (DEV_MAILBOX): the tab appears when it does.
  // Administrators read every email there, the others only those addressed to them.
  const devEmails = useDevEmails(canInvite);

  const available: TabId[] = ['comptes', 'organisations'];
  if (hasPermission(me, 'audit:lire')) available.push('journal');
  if (hasPermission(me, 'jobs:administrer')) available.push('taches');
  if (devEmails.isSuccess) available.push('courriels');

  const requested = searchParams.get('onglet');
  const selected: TabId = available.find((id) => id === requested) ?? 'comptes';
  useDocumentTitle(`${TAB_LABELS[selected]} – Administration`);

  return (
    <>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--middle', 'fr-grid-row--gutters', 'fr-mb-2w')}>
        <div className={fr.cx('fr-col')}>
          <h1 className={fr.cx('fr-mb-0')}>Administration</h1>
        </div>
        {canInvite && (
          <div style={{ flex: '0 0 auto' }} className={fr.cx('fr-col')}>
            <Link
              to="/administration/inviter"
              className={fr.cx('fr-btn', 'fr-icon-user-add-line', 'fr-btn--icon-left')}
            >
              Inviter une personne
            </Link>
          </div>
        )}
      </div>
      <Tabs
        label="Rubriques de l'administration"
        selectedTabId={selected}
        tabs={available.map((tabId) => ({ tabId, label: TAB_LABELS[tabId] }))}
        onTabChange={(tabId) => setSearchParams(tabId === 'comptes' ? {} : { onglet: tabId })}
      >
        {selected === 'comptes' && <ComptesTab me={me} />}
        {selected === 'organisations' && <OrganisationsTab />}
        {selected === 'journal' && <JournalTab />}
        {selected === 'taches' && <JobsTab />}
        {selected === 'courriels' && (
          <DevEmailsTab administrator={me.memberships.some((m) => m.role === 'administrateur')} />
        )}
      </Tabs>
    </>
  );
}
