/**
 * A wake-up that is never lost: `ring()` before `wait()` makes the next `wait()` return at
 * once. A board stream waits on one, and notifications, expiry, revocation and the client
 * going away all ring it; the stream then looks at what changed.
 */
export class Doorbell {
  private rung = true;
  private resolve: (() => void) | undefined;

  ring(): void {
    this.rung = true;
    this.resolve?.();
    this.resolve = undefined;
  }

  async wait(): Promise<void> {
    if (!this.rung) await new Promise<void>((resolve) => (this.resolve = resolve));
    this.rung = false;
  }
}
