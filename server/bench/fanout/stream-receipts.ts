/**
 * What one subscriber received of a phase's writes: when it received each (NaN: not yet),
 * how many it received again (duplicates) and how many events were not writes of the
 * phase. Typed arrays, so a run's receipts (streams × writes) cross to the bench as one
 * compact message.
 */
export class StreamReceipts {
  readonly at: Float64Array;
  duplicates = 0;
  /** Events that were not one of the phase's writes (another phase's, or not a creation). */
  foreign = 0;
  /** Distinct writes received. */
  received = 0;

  constructor(writes: number) {
    this.at = new Float64Array(writes).fill(Number.NaN);
  }

  record(seq: number | undefined, now: number): void {
    if (seq === undefined || seq >= this.at.length) {
      this.foreign++;
      return;
    }
    if (Number.isNaN(this.at[seq]!)) {
      this.at[seq] = now;
      this.received++;
    } else {
      this.duplicates++;
    }
  }
}

/** One stream's receipts as sent to the bench (subscriber-process.ts). */
export interface StreamRecord {
  /** The API process it was connected to. */
  url: string;
  at: Float64Array;
  duplicates: number;
  foreign: number;
  /** Times the stream was cut and the client connected again (resuming from its last id). */
  reconnects: number;
  /** An error that ended the subscription, if one did. */
  error: string | undefined;
}
