/**
 * The bundled language server (out/server/main.cjs) over stdio, started as an editor starts it: the
 * process, a protocol connection to it (not yet listening, so a test registers its handlers first),
 * its stderr, and a shutdown that never throws (shutdown, exit, then kill if it is still running).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    ExitNotification,
    InitializeRequest,
    InitializedNotification,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
    createProtocolConnection,
    type ClientCapabilities,
    type InitializeResult,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers.js';

export const SERVER = path.join(REPO_ROOT, 'out/server/main.cjs');

export interface StdioServer {
    process: ChildProcess;
    connection: ProtocolConnection;
    /** Everything the server wrote to stderr so far. */
    stderr(): string;
    /** Waits until `find` returns a value (polled every 25 ms); rejects after `timeout` with the stderr's end. */
    waitFor<T>(what: string, find: () => T | undefined, timeout?: number): Promise<T>;
    /**
     * Initializes the server as an editor opening the folder `dir` (its one workspace folder, named `options.name`,
     * 'ws' by default) with the editor's `capabilities`, then says `initialized`; returns the server's answer.
     */
    initialize(
        dir: string,
        capabilities: ClientCapabilities,
        options?: { name?: string; initializationOptions?: unknown }
    ): Promise<InitializeResult>;
    stop(): Promise<void>;
}

/**
 * Starts the server in `cwd` (the bundle itself, or `entry`: out/server/start.cjs, the entry the VS Code client
 * forks); call `connection.listen()` once the test's handlers are registered.
 */
export function startStdioServer(
    cwd: string,
    env: NodeJS.ProcessEnv = process.env,
    node = process.execPath,
    entry = SERVER
): StdioServer {
    if (!fs.existsSync(entry)) throw new Error(`${entry} não existe: rode "npm run bundle"`);
    const child = spawn(node, [entry, '--stdio'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', chunk => {
        stderr += String(chunk);
    });
    const connection = createProtocolConnection(
        new StreamMessageReader(child.stdout!),
        new StreamMessageWriter(child.stdin!)
    );
    return {
        process: child,
        connection,
        stderr: () => stderr,
        waitFor<T>(what: string, find: () => T | undefined, timeout = 30_000): Promise<T> {
            return new Promise((resolve, reject) => {
                const started = Date.now();
                const poll = () => {
                    const found = find();
                    if (found !== undefined) return resolve(found);
                    if (Date.now() - started > timeout)
                        return reject(new Error(`timed out waiting for ${what}; stderr: ${stderr.slice(-500)}`));
                    setTimeout(poll, 25);
                };
                poll();
            });
        },
        async initialize(dir, capabilities, options = {}) {
            const uri = pathToFileURL(dir).toString();
            const result = await connection.sendRequest(InitializeRequest.type, {
                processId: process.pid,
                rootUri: uri,
                workspaceFolders: [{ uri, name: options.name ?? 'ws' }],
                ...(options.initializationOptions === undefined
                    ? {}
                    : { initializationOptions: options.initializationOptions }),
                capabilities
            });
            await connection.sendNotification(InitializedNotification.type, {});
            return result;
        },
        async stop() {
            // A connection already closed (the test shut the server down) throws at once rather than rejecting.
            try {
                await connection.sendRequest(ShutdownRequest.type);
                await connection.sendNotification(ExitNotification.type);
            } catch {
                // the server is gone or going: nothing to shut down
            }
            // As an editor does (VS Code waits 2 s): the server exits by itself after `exit`, running its exit work
            // (the code cache, io/code-cache.ts); killed only when it does not.
            if (child.exitCode === null && child.signalCode === null)
                await new Promise<void>(resolve => {
                    const timer = setTimeout(resolve, 2000);
                    child.once('exit', () => {
                        clearTimeout(timer);
                        resolve();
                    });
                });
            connection.dispose();
            if (child.exitCode === null && child.signalCode === null) child.kill();
        }
    };
}
