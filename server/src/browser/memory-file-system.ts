/**
 * Langium's file system for a language server in a browser: the files the host handed over
 * (memory-files.ts), read through the core's one decoding of sources (BOM removed, bytes that are
 * not UTF-8 recorded and reported), as SourceFileSystemProvider does on the desktop.
 */
import { URI, UriUtils, type FileSystemNode, type FileSystemProvider } from 'langium';
import {
    decodeSource,
    EncodingRecords,
    type DecodedSource,
    type EncodingProblem,
    type SourceEncodingRecords
} from '../../../language/src/index.js';
import { isMemoryDirectory, listMemoryDirectory, readMemoryFile } from './memory-files.js';

export class MemoryFileSystemProvider implements FileSystemProvider, SourceEncodingRecords {
    private readonly records = new EncodingRecords();

    statSync(uri: URI): FileSystemNode {
        const isFile = readMemoryFile(uri.path) !== undefined;
        const isDirectory = !isFile && isMemoryDirectory(uri.path);
        if (!isFile && !isDirectory) throw new Error(`Arquivo não encontrado: ${uri.toString()}`);
        return { isFile, isDirectory, uri };
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        return readMemoryFile(uri.path) !== undefined || isMemoryDirectory(uri.path);
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        const file = readMemoryFile(uri.path);
        if (!file) throw new Error(`Arquivo não encontrado: ${uri.toString()}`);
        return file.bytes;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readFileSync(uri: URI): string {
        return this.record(uri, decodeSource(this.readBinarySync(uri)));
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        return listMemoryDirectory(uri.path).map(({ name, isDirectory }) => ({
            isFile: !isDirectory,
            isDirectory,
            uri: UriUtils.joinPath(uri, name)
        }));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }

    encodingProblem(uri: string, text: string): EncodingProblem | undefined {
        return this.records.encodingProblem(uri, text);
    }

    private record(uri: URI, decoded: DecodedSource): string {
        return this.records.record(uri.toString(), decoded);
    }
}

export const MemoryFileSystem = {
    fileSystemProvider: (): MemoryFileSystemProvider => new MemoryFileSystemProvider()
};
