// The baseline: a bare node:http server that reads the request body and answers a fixed small
// JSON body. It prints "(port N," like the note server so one start helper fits both.
import http from 'node:http';

const BODY = Buffer.from('{"ok":true,"readsLeft":0}');
const HEADERS = { 'content-type': 'application/json', 'content-length': String(BODY.length) };

const server = http.createServer((request, response) => {
  // Read the body like a real handler would, then answer.
  request.resume();
  request.on('end', () => {
    response.writeHead(200, HEADERS);
    response.end(BODY);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`bare node:http server listening (port ${port}, pid ${process.pid})`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
