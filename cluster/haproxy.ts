import { API_FRONT_PORT, DB_FRONT_PORT, HAPROXY_STATS_PORT, NODE_COUNT, instancePort, nodePorts } from './layout';

/**
 * The one HAProxy configuration of the loopback cluster: a TCP front for the database, each Galera node checked by
 * its readiness endpoint (`galera-check.ts`), and an HTTP front (WebSocket included) for the service instances,
 * each checked by `/readyz`.
 */
export function haproxyConfig(instances: number[]): string {
  const nodes = Array.from({ length: NODE_COUNT }, (_, i) => nodePorts(i + 1));
  return [
    'global',
    '  maxconn 4000',
    '',
    'defaults',
    '  timeout connect 2s',
    // Pooled database connections and WebSockets stay open for long; the service's own timeouts bound requests.
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout tunnel 1h',
    '  timeout check 2s',
    '',
    'listen stats',
    '  mode http',
    `  bind 127.0.0.1:${HAPROXY_STATS_PORT}`,
    '  stats enable',
    '  stats uri /',
    '',
    'frontend galera_front',
    '  mode tcp',
    `  bind 127.0.0.1:${DB_FRONT_PORT}`,
    '  default_backend galera_nodes',
    '',
    'backend galera_nodes',
    '  mode tcp',
    '  balance leastconn',
    '  option httpchk GET /',
    '  http-check expect status 200',
    // A node that stops being Synced for 3 checks loses its sessions at once: the pool reconnects to a synced one.
    // Three, not one: a donor of an incremental transfer leaves Synced for under a second and keeps serving.
    '  default-server inter 1s fall 3 rise 2 on-marked-down shutdown-sessions',
    // A connection refused by a node that just died is tried on another before the check has noticed.
    '  retries 2',
    '  option redispatch',
    ...nodes.map((n) => `  server node${n.index} 127.0.0.1:${n.mysql} check port ${n.check}`),
    '',
    'frontend api_front',
    '  mode http',
    `  bind 127.0.0.1:${API_FRONT_PORT}`,
    '  default_backend api_instances',
    '',
    'backend api_instances',
    '  mode http',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    // A failed request to an instance that just died is tried once on another (GraphQL over POST: idempotency keys
    // make a repeated create safe; the retry happens only when the connection failed, before any answer).
    '  retries 1',
    '  option redispatch',
    '  default-server inter 1s fall 2 rise 1',
    ...instances.map((i) => `  server app${i} 127.0.0.1:${instancePort(i)} check`),
    '',
  ].join('\n');
}
