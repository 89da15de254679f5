// Run once by the compose job mongo-init: initiate replica set rs0 over the three mongod, unless it exists.
try {
  const status = rs.status();
  print(`replica set ${status.set} already initiated`);
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  rs.initiate({
    _id: 'rs0',
    members: [
      { _id: 0, host: 'mongo-1:27017', priority: 2 },
      { _id: 1, host: 'mongo-2:27017', priority: 1 },
      { _id: 2, host: 'mongo-3:27017', priority: 1 },
    ],
  });
  print('replica set rs0 initiated');
}
// Wait for a primary, so the services start against a writable set.
for (let i = 0; i < 60; i++) {
  if (db.hello().isWritablePrimary || rs.status().members.some(m => m.stateStr === 'PRIMARY')) { print('primary elected'); quit(0); }
  sleep(1000);
}
print('no primary after 60 s');
quit(1);
