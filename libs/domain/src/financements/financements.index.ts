export * from './financement-rights.rules';
export * from './financements-export.rules';
export * from './dispositif.rules';
export * from './beneficiaire-defaut.rules';
export * from './plausibilite.rules';
