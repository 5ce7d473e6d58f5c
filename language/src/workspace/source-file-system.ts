/**
 * The Node file system of the CLI and the language server, reading source files through the one
 * decoding (source-encoding.ts): BOM removed, bytes that are not UTF-8 recorded so the validator
 * reports them instead of checking a misread text. The I/O seam of that decoding.
 */
import * as fs from 'node:fs';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import {
    decodeSource,
    EncodingRecords,
    type DecodedSource,
    type EncodingProblem,
    type SourceEncodingRecords
} from './source-encoding.js';

export class SourceFileSystemProvider extends NodeFileSystemProvider implements SourceEncodingRecords {
    private readonly records = new EncodingRecords();

    override async readFile(uri: URI): Promise<string> {
        return this.record(uri, decodeSource(await fs.promises.readFile(uri.fsPath)));
    }

    override readFileSync(uri: URI): string {
        return this.record(uri, decodeSource(fs.readFileSync(uri.fsPath)));
    }

    encodingProblem(uri: string, text: string): EncodingProblem | undefined {
        return this.records.encodingProblem(uri, text);
    }

    private record(uri: URI, decoded: DecodedSource): string {
        return this.records.record(uri.toString(), decoded);
    }
}

/** Use in place of Langium's `NodeFileSystem` (createOciCoreServices, createOciLspServices). */
export const SourceFileSystem = {
    fileSystemProvider: (): SourceFileSystemProvider => new SourceFileSystemProvider()
};

/** Reads a source file from disk through the one decoding (format, header detection). */
export function readSourceFile(file: string): DecodedSource {
    return decodeSource(fs.readFileSync(file));
}
