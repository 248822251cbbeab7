/**
 * The SDK narrates every state change with console.log and warns about wallet providers in DEV; writing
 * that to a pipe would be measured as the server's work. The gateway routes it to a disabled log level.
 */
export function silenceSdkConsole(): void {
  const nothing = () => {};
  console.log = nothing;
  console.info = nothing;
  console.debug = nothing;
  console.warn = nothing;
}
