// Type of the one next/server API the Next.js recipe uses (Next.js itself is not installed here).
export declare function after(callback: () => unknown): void;
