import { createChertClient } from '@chert/client';
import { startMock } from '@chert/mock';

const mock = await startMock({ port: 0, signingSecret: 'test-secret' });
try {
  const chert = createChertClient({
    baseUrl: mock.url,
    auth: { hmac: { tenant: 'acme', signingSecret: 'test-secret' } },
  });
  const { status } = await chert.contacts.shareOwnCard({ to: '+14155550199' });
  console.log(status); // shared
} finally {
  await mock.close();
}
