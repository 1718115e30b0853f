import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isRole, ROLE_LABELS, ROLES_BY_ORGANISATION_TYPE, type Role } from '@suivi-pvd/domain';
import { formatDateTime } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { errorMessage } from '../app/query-error-alert';
import type { Me } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import {
  useChangeRole,
  useComptes,
  useSetAccountActive,
  type UserAccount,
  type UserMembership,
} from './data/comptes.hooks';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { readers, useListParams } from '../shared/use-list-params';
import { SearchForm } from './search-form';

const FILTERS = { q: readers.text(100) };

interface Feedback {
  severity: 'success' | 'error';
  text: string;
}

function AccountState({ account }: { account: UserAccount }) {
  if (!account.active) return <Badge severity="error" small noIcon>Désactivé</Badge>;
  if (account.pendingInvitation) return <Badge severity="info" small noIcon>Invitation en attente</Badge>;
  return <Badge severity="success" small noIcon>Actif</Badge>;
}

/** Accounts list with search, state changes and role changes. */
export function ComptesTab({ me }: { me: Me }) {
  const params = useListParams({ filters: FILTERS });
  const { q } = params.filters;
  const comptes = useComptes({ q, page: params.page });
  const canManage = hasPermission(me, 'comptes:gerer');

  const setActive = useSetAccountActive();
  const changeRole = useChangeRole();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);

  const show = (next: Feedback) => {
    setFeedback(next);
    requestAnimationFrame(() => feedbackRef.current?.focus());
  };

  const confirmActive = (account: UserAccount, active: boolean) => {
    setActive.mutate(
      { account, active },
      {
        onSuccess: (updated) =>
          show({
            severity: 'success',
            text: active
              ? `Le compte de ${updated.displayName} est réactivé.`
              : `Le compte de ${updated.displayName} est désactivé : cette personne ne peut plus se connecter.`,
          }),
        onError: (error) => show({ severity: 'error', text: errorMessage(error) }),
        onSettled: () => setConfirming(null),
      },
    );
  };

  const saveRole = (account: UserAccount, membership: UserMembership, role: Role) => {
    changeRole.mutate(
      { account, membershipId: membership.id, role },
      {
        onSuccess: (updated) =>
          show({
            severity: 'success',
            text: `${updated.displayName} est désormais « ${ROLE_LABELS[role]} » – ${membership.organisationNom}.`,
          }),
        onError: (error) => show({ severity: 'error', text: errorMessage(error) }),
      },
    );
  };

  const columns: ListColumn<UserAccount, never>[] = [
    {
      key: 'nom',
      header: 'Nom',
      cell: (account) => (
        <>
          {account.displayName}
          {account.id === me.id && <span className={fr.cx('fr-text--sm')}> (vous)</span>}
        </>
      ),
    },
    { key: 'email', header: 'Adresse électronique', cell: (account) => account.email },
    {
      key: 'roles',
      header: 'Organisations et rôles',
      cell: (account) => (
        <ul className={fr.cx('fr-mb-0')} style={{ listStyle: 'none', paddingLeft: 0 }}>
          {account.memberships.map((membership) => (
            <li key={membership.id} className={fr.cx('fr-mb-1w')}>
              {canManage ? (
                <RoleEditor
                  account={account}
                  membership={membership}
                  pending={changeRole.isPending && changeRole.variables.membershipId === membership.id}
                  onSave={(role) => saveRole(account, membership, role)}
                />
              ) : (
                <MembershipLabel membership={membership} />
              )}
            </li>
          ))}
        </ul>
      ),
    },
    { key: 'etat', header: 'État', cell: (account) => <AccountState account={account} /> },
    { key: 'connexion', header: 'Dernière connexion', cell: (account) => (account.lastLoginAt ? (formatDateTime(account.lastLoginAt) ?? account.lastLoginAt) : 'Jamais') },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      cell: (account) =>
        account.id === me.id ? (
          '—'
        ) : (
          <ActiveToggle
            account={account}
            confirming={confirming === account.id}
            pending={setActive.isPending && setActive.variables.account.id === account.id}
            onAsk={() => setConfirming(account.id)}
            onCancel={() => setConfirming(null)}
            onConfirm={() => confirmActive(account, !account.active)}
          />
        ),
    });
  }

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Comptes</h2>
      <SearchForm
        label="Rechercher un compte (nom ou adresse électronique)"
        value={q}
        onSearch={(text) => params.setFilters({ q: text })}
      />
      <div ref={feedbackRef} tabIndex={-1} style={{ outline: 'none' }}>
        {feedback && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity={feedback.severity}
            role={feedback.severity === 'error' ? 'alert' : 'status'}
            small
            description={feedback.text}
            closable
            onClose={() => setFeedback(null)}
          />
        )}
      </div>
      <DataList
        caption="Comptes"
        hideCaption
        label="Liste des comptes"
        columns={columns}
        rowKey={(account) => account.id}
        params={params}
        query={comptes}
        count={(total) => `${countOf('compte', 'comptes')(total)}${q ? ` pour « ${q} »` : ''}`}
        empty="Aucun compte."
        emptyFiltered={`Aucun compte ne correspond à « ${q} ».`}
        loadingLabel="Chargement des comptes…"
        errorTitle="Les comptes n’ont pas pu être chargés"
        exportTo={{ listPath: '/api/comptes', what: 'les comptes' }}
      />
    </>
  );
}

/** "Désactiver" / "Réactiver" with an inline confirmation. */
function ActiveToggle({
  account,
  confirming,
  pending,
  onAsk,
  onCancel,
  onConfirm,
}: {
  account: UserAccount;
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const verb = account.active ? 'Désactiver' : 'Réactiver';
  if (!confirming) {
    return (
      <Button size="small" priority={account.active ? 'secondary' : 'primary'} onClick={onAsk}>
        {verb}
        <span className={fr.cx('fr-sr-only')}> le compte de {account.displayName}</span>
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirmation : ${verb.toLowerCase()} le compte de ${account.displayName}`}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {account.active
          ? `Désactiver le compte de ${account.displayName} ? Cette personne ne pourra plus se connecter.`
          : `Réactiver le compte de ${account.displayName} ?`}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--inline', 'fr-mb-0')}>
        <li>
          <Button
            size="small"
            disabled={pending}
            onClick={onConfirm}
            nativeButtonProps={{ autoFocus: true }}
          >
            {pending ? 'Enregistrement…' : `Confirmer`}
          </Button>
        </li>
        <li>
          <Button size="small" priority="tertiary" disabled={pending} onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}

/** A membership with a select to change its role (among the roles of the organisation type). */
function RoleEditor({
  account,
  membership,
  pending,
  onSave,
}: {
  account: UserAccount;
  membership: UserMembership;
  pending: boolean;
  onSave: (role: Role) => void;
}) {
  const [role, setRole] = useState<Role>(membership.role);
  const [savedRole, setSavedRole] = useState<Role>(membership.role);
  // The role changed on the server (refetch): follow it.
  if (membership.role !== savedRole) {
    setSavedRole(membership.role);
    setRole(membership.role);
  }
  const roles = ROLES_BY_ORGANISATION_TYPE[membership.organisationType];
  if (roles.length < 2) return <MembershipLabel membership={membership} />;
  const selectId = `role-${membership.id}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (role !== membership.role) onSave(role);
      }}
      aria-label={`Rôle de ${account.displayName} – ${membership.organisationNom}`}
    >
      <label htmlFor={selectId} className={fr.cx('fr-text--sm', 'fr-mb-1v')} style={{ display: 'block' }}>
        {membership.organisationNom}
        <span className={fr.cx('fr-sr-only')}> : rôle de {account.displayName}</span>
      </label>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <select
          id={selectId}
          className={fr.cx('fr-select')}
          style={{ width: 'auto', marginTop: 0 }}
          value={role}
          disabled={pending}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if (isRole(next)) setRole(next);
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" size="small" priority="secondary" disabled={pending || role === membership.role}>
          {pending ? 'Enregistrement…' : 'Modifier'}
          <span className={fr.cx('fr-sr-only')}> le rôle</span>
        </Button>
      </div>
    </form>
  );
}

/** Organisation name above the role, as in the editable version. */
function MembershipLabel({ membership }: { membership: UserMembership }) {
  return (
    <>
      <span className={fr.cx('fr-text--sm')} style={{ display: 'block', marginBottom: '0.25rem' }}>
        {membership.organisationNom}
      </span>
      {ROLE_LABELS[membership.role]}
    </>
  );
}
