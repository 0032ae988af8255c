export declare const backoffMs: (failures: number, random?: () => number) => number;
