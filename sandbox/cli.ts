/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
import { startSandbox } from './server';

/** `npm run sandbox -- --port 4010 --scale 1 --seed 42` (or SANDBOX_PORT, SANDBOX_SCALE, SANDBOX_SEED). */
function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	if (index !== -1) return process.argv[index + 1];
	const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return inline?.split('=')[1];
}

async function main(): Promise<void> {
	const port = Number(flag('port') ?? process.env.SANDBOX_PORT ?? 4010);
	const scale = Number(flag('scale') ?? process.env.SANDBOX_SCALE ?? 1);
	const seed = Number(flag('seed') ?? process.env.SANDBOX_SEED ?? 42);
	const host = flag('host') ?? process.env.SANDBOX_HOST ?? '127.0.0.1';
	const sandbox = await startSandbox({ port, scale, seed, host });
	console.log(`Vendor sandbox listening on ${sandbox.url} (seed ${seed}, scale ${scale})`);
	for (const name of sandbox.vendors.keys()) console.log(`  ${name.padEnd(12)} ${sandbox.url}/${name}`);
	console.log(`  admin        ${sandbox.url}/__admin/health`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
