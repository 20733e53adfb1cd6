/** File-system errors in plain words, for the messages of every command. */

const REASONS: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOENT: 'no such file or folder (or the folder cannot hold files)',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
    EEXIST: 'a file of that name is in the way',
    ENOSPC: 'no space left on the device',
    EMFILE: 'too many open files',
};

/** Why a file operation failed, in plain words, or undefined when the error is not a file-system one. */
export function fileErrorReason(error: unknown): string | undefined {
    const e = error as NodeJS.ErrnoException;
    return e instanceof Error && typeof e.code === 'string' ? REASONS[e.code] : undefined;
}

/** A file-system error in plain words (`/proc/x.xml: no such file or folder ...`), or undefined for other errors. */
export function explainFileError(error: unknown): string | undefined {
    const reason = fileErrorReason(error);
    const file = (error as NodeJS.ErrnoException).path;
    return reason && typeof file === 'string' ? `Cannot use ${file}: ${reason}.` : undefined;
}
