export * from './referentiel/insee.rules';
export * from './referentiel/densite.rules';
export * from './pvd/pvd-import.rules';
export * from './access/permissions';
export * from './access/invitations.rules';
export * from './conventions/convention-workflow.rules';
export * from './conventions/convention-deadline.rules';
