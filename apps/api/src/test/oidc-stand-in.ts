import { DEFAULT_TEST_ACCOUNT, startTestOidcProvider } from './oidc-provider';

/**
 * The local ProConnect stand-in as a process, for the end-to-end tests (Playwright starts it
 * beside the app). Logs in, from its form, the account whose email is typed. Never in production.
 */
async function main(): Promise<void> {
  const appUrl = process.env.STAND_IN_APP_URL ?? 'http://localhost:3100';
  const provider = await startTestOidcProvider({
    port: Number(process.env.STAND_IN_PORT ?? 3101),
    clientId: 'suivi-pvd-e2e',
    clientSecret: process.env.STAND_IN_CLIENT_SECRET ?? 'e2e-secret-not-for-production',
    redirectUri: `${appUrl}/api/auth/proconnect/callback`,
    postLogoutRedirectUri: `${appUrl}/api/auth/proconnect/deconnexion/retour`,
    account: { ...DEFAULT_TEST_ACCOUNT, sub: 'prefecture-creuse', email: 'prefecture.creuse@demo.test', siret: '17230001900011' },
    acceptAnyEmail: true,
  });
  process.stdout.write(`ProConnect stand-in: ${provider.issuer}\n`);
  const stop = () => void provider.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
