// Stands in for `after()` from next/server, which cannot be installed offline here: Next.js runs
// the callback once the response has been sent; the harness calls runAfterCallbacks() once it
// has read the whole body.
const callbacks = [];
export function after(callback) {
  callbacks.push(callback);
}
export async function runAfterCallbacks() {
  while (callbacks.length) await callbacks.shift()();
}
