// Some readings are expensive or block the event loop (systeminformation's networkInterfaces() uses execSync):
// every check of one sweep shares a single reading. The key is the sweep's own object (its AbortSignal), so a
// new sweep reads afresh and a finished one is garbage-collected with its readings.
export function memoizePerSweep<A, T>(compute: (options: A) => Promise<T>): (sweep: object, options: A) => Promise<T> {
  const readings = new WeakMap<object, Promise<T>>();
  return (sweep, options) => {
    let reading = readings.get(sweep);
    if (!reading) {
      reading = compute(options);
      readings.set(sweep, reading);
    }
    return reading;
  };
}
