export interface LogRecord {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

/**
 * Stands in for n8n's Logger so that every line n8n-core or the node logs is kept: tests scan
 * them for the client secret. Lines are also printed when CASHFREE_ENGINE_LOG is set.
 */
export class CapturingLogger {
	sink: LogRecord[] = [];

	private record(level: LogRecord['level'], message: string, metadata?: unknown) {
		this.sink.push({ level, message, metadata });
		if (process.env.CASHFREE_ENGINE_LOG) {
			process.stderr.write(`[n8n ${level}] ${message}\n`);
		}
	}

	error(message: string, metadata?: unknown) {
		this.record('error', message, metadata);
	}

	warn(message: string, metadata?: unknown) {
		this.record('warn', message, metadata);
	}

	info(message: string, metadata?: unknown) {
		this.record('info', message, metadata);
	}

	debug(message: string, metadata?: unknown) {
		this.record('debug', message, metadata);
	}

	scoped() {
		return this;
	}
}
