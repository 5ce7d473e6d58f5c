/**
 * Langium's validation registry, with checks called directly. Langium wraps every check in two
 * async functions (a promise and two awaits per check and node) and rebuilds a stream of the
 * checks of a node's type for every node; the validator awaited each of them. On a catalogue of
 * 2,000 OCIs that is ~60,000 nodes and a few hundred thousand promises per validation. Here a
 * synchronous check runs and returns nothing (an asynchronous one still returns its promise),
 * and each type's checks are listed once. What a check that throws produces is unchanged: an
 * error diagnostic on its node, and the error on the console; a cancellation goes through.
 */
import {
    ValidationRegistry,
    isOperationCancelled,
    type AstNode,
    type MaybePromise,
    type ValidationAcceptor,
    type ValidationCategory,
    type ValidationCheck
} from 'langium';

type Check = (
    node: AstNode,
    accept: ValidationAcceptor,
    cancelToken: Parameters<ValidationCheck>[2]
) => MaybePromise<void>;

export class DirectValidationRegistry extends ValidationRegistry {
    /** Checks per type, for the validations that run every category (no `categories`). */
    private allCategories = new Map<string, readonly ValidationCheck[]>();
    /** Checks per type, per `categories` array (the builder passes the same array for every node). */
    private byCategories = new WeakMap<readonly ValidationCategory[], Map<string, readonly ValidationCheck[]>>();

    /** The checks of a node type, in registration order: the ones getChecks streams. */
    checkList(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        let cache = this.allCategories;
        if (categories) {
            cache = this.byCategories.get(categories) ?? new Map();
            this.byCategories.set(categories, cache);
        }
        let checks = cache.get(type);
        if (!checks) {
            checks = this.getChecks(type, categories).toArray();
            cache.set(type, checks);
        }
        return checks;
    }

    protected override addEntry(type: string, entry: Parameters<ValidationRegistry['addEntry']>[1]): void {
        super.addEntry(type, entry);
        this.allCategories = new Map();
        this.byCategories = new WeakMap();
    }

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const run = check as Check;
        return (node, accept, cancelToken) => {
            try {
                const result = run.call(thisObj, node, accept, cancelToken);
                if (isThenable(result))
                    return Promise.resolve(result).then(undefined, error => this.reportCheckError(error, accept, node));
            } catch (error) {
                this.reportCheckError(error, accept, node);
            }
            return undefined;
        };
    }

    /** Langium's handleException, for a check that threw or rejected. */
    private reportCheckError(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
        if (isOperationCancelled(error)) throw error;
        const context = 'An error occurred during validation';
        console.error(`${context}:`, error);
        if (error instanceof Error && error.stack) console.error(error.stack);
        accept('error', `${context}: ${error instanceof Error ? error.message : String(error)}`, { node });
    }
}

function isThenable(value: unknown): value is PromiseLike<void> {
    return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
