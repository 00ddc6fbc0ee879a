import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Some product team's app: its own origin (another port on loopback, so Chromium's local-network rules
 * treat it like the runtime), a strict CSP with no 'unsafe-inline', and CSS that would hide a naive
 * widget's button. `/app/?api=<runtime>&attributes=<extra script attributes>`; the widget polls every
 * `refreshSeconds`.
 */
export async function startHostApp(refreshSeconds: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/app/host.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      return response.end('button{display:none!important} p{color:rgb(200,0,0)}');
    }
    const api = url.searchParams.get('api') ?? '';
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' ${api}; connect-src ${api}; style-src 'self'`,
    });
    response.end(
      '<!doctype html><html lang="en"><head><title>Nimbus app</title><link rel="stylesheet" href="/app/host.css">' +
        `<script src="${api}/widget.js" data-refresh="${refreshSeconds}" ${url.searchParams.get('attributes') ?? ''} async></script>` +
        '</head><body><main><h1>Nimbus</h1><p class="bar" id="own">The app’s own paragraph.</p></main></body></html>',
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" rather than 127.0.0.1: another origin than the runtime's, as in real life.
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
