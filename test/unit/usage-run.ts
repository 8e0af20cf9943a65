// Runs `token-spend usage` in-process with its output captured: the shared runner of the usage CLI tests.
import { runUsage } from '../../src/cli/usage';

export function captureUsage(args: string[], env: NodeJS.ProcessEnv = { LANG: 'C' }): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runUsage(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: process.stdin, env });
  return { code, stdout, stderr };
}
