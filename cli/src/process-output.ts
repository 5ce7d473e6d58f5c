/**
 * The CLI's output to the process's streams. A reader that stops early (`check … | head`) closes
 * the pipe: Node then reports EPIPE as an 'error' event on the stream, which would end the process
 * with a stack trace. Here a closed stream is a normal end: further output to it is dropped and
 * the command ends with the exit code it computed.
 */
import type { Output } from './commands.js';

function guarded(stream: NodeJS.WriteStream): (text: string) => void {
    let closed = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
            closed = true;
            return;
        }
        throw error;
    });
    return text => {
        if (closed || stream.destroyed) return;
        stream.write(text);
    };
}

let output: Output | undefined;

/** stdout and stderr, each quiet once its reader has gone (one guard per process). */
export function processOutput(): Output {
    output ??= { out: guarded(process.stdout), err: guarded(process.stderr) };
    return output;
}
