/**
 * Queueing formulas workforce planners use to staff a service norm: Erlang C (callers wait as long
 * as it takes) and Erlang A (callers abandon after an exponential patience). Pure functions with
 * no imports: it is part of the engine (breach reasons name the agents needed) and `norma staff`
 * uses it as a calculator.
 *
 * Units: every time is in seconds, every rate per second, every probability a fraction 0..1.
 * Stability: no factorials. Erlang C uses the Erlang B recursion; Erlang A works on logarithms
 * of the birth-death weights, so hundreds of agents neither overflow nor underflow.
 */

/** What a planner knows about one interval. */
export interface Workload {
    /** Calls offered in the interval. */
    offered: number;
    /** Length of the interval in seconds (1800 for 30 minutes). */
    intervalSeconds: number;
    /** Average handle time in seconds. */
    aht: number;
}

export interface QueueFigures {
    model: 'erlang-c' | 'erlang-a';
    agents: number;
    /** Share of calls answered within the threshold. */
    serviceLevel: number;
    /** Share of calls that wait at all. */
    probabilityWait: number;
    /** Mean wait in seconds: of answered calls for Erlang C, of all calls for Erlang A (served or not). */
    asa: number;
    /** Share of the agents' time spent handling calls. */
    occupancy: number;
    /** Share of calls that hang up before an agent answers (0 for Erlang C). */
    probabilityAbandon: number;
}

/** Offered traffic in Erlangs: arrival rate times handle time. */
export function trafficIntensity(load: Workload): number {
    return (load.offered / load.intervalSeconds) * load.aht;
}

/** Erlang B blocking probability by the recursion B(k) = A·B(k-1) / (k + A·B(k-1)). */
export function erlangB(traffic: number, agents: number): number {
    let blocking = 1;
    for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
    return blocking;
}

/** Erlang C probability that a call waits; 1 when the agents cannot keep up with the traffic. */
export function erlangCWait(traffic: number, agents: number): number {
    if (agents <= traffic) return 1;
    const blocking = erlangB(traffic, agents);
    return (agents * blocking) / (agents - traffic * (1 - blocking));
}

/** Erlang C figures for a number of agents and a service threshold in seconds. */
export function erlangC(load: Workload, agents: number, thresholdSeconds: number): QueueFigures {
    const traffic = trafficIntensity(load);
    const wait = erlangCWait(traffic, agents);
    const stable = agents > traffic;
    return {
        model: 'erlang-c',
        agents,
        serviceLevel: stable ? Math.max(0, 1 - wait * Math.exp((-(agents - traffic) * thresholdSeconds) / load.aht)) : 0,
        probabilityWait: wait,
        asa: stable ? (wait * load.aht) / (agents - traffic) : Infinity,
        occupancy: Math.min(1, traffic / agents),
        probabilityAbandon: 0,
    };
}

/**
 * Erlang A (M/M/N+M) figures: Poisson arrivals, exponential handle time and exponential patience
 * with the given mean. Service level is the share of all offered calls answered within the
 * threshold (a caller who hangs up first is not answered).
 */
export function erlangA(load: Workload, agents: number, thresholdSeconds: number, patienceSeconds: number): QueueFigures {
    const arrival = load.offered / load.intervalSeconds;
    const service = 1 / load.aht;
    const abandon = 1 / patienceSeconds;
    const states = stationaryDistribution(arrival, service, abandon, agents);
    const { probability } = states;

    let waiting = 0;
    let queueLength = 0;
    let busy = 0;
    for (let k = 0; k < probability.length; k++) {
        if (k >= agents) {
            waiting += probability[k];
            queueLength += (k - agents) * probability[k];
            busy += agents * probability[k];
        } else {
            busy += k * probability[k];
        }
    }
    // PASTA: an arrival sees the stationary state; a caller meeting k >= N has k-N ahead in the queue.
    const answeredWithin = answeredWithinByQueue(agents * service, abandon, probability.length - agents, thresholdSeconds);
    let serviceLevel = 0;
    for (let k = 0; k < probability.length; k++) {
        serviceLevel += probability[k] * (k < agents ? 1 : answeredWithin[k - agents]);
    }
    return {
        model: 'erlang-a',
        agents,
        serviceLevel,
        probabilityWait: waiting,
        asa: queueLength / arrival,
        occupancy: busy / agents,
        probabilityAbandon: (abandon * queueLength) / arrival,
    };
}

/**
 * Stationary distribution of the birth-death chain with N agents: births at the arrival rate;
 * deaths at k·μ below N and N·μ + (k-N)·γ above. Truncated where the tail is negligible.
 */
function stationaryDistribution(arrival: number, service: number, abandon: number, agents: number): { probability: number[] } {
    const logWeights: number[] = [0];
    let peak = 0;
    for (let k = 1; k <= agents; k++) {
        logWeights.push(logWeights[k - 1] + Math.log(arrival / (k * service)));
        peak = Math.max(peak, logWeights[k]);
    }
    for (let k = agents + 1; k <= agents + 1_000_000; k++) {
        const death = agents * service + (k - agents) * abandon;
        const next = logWeights[k - 1] + Math.log(arrival / death);
        logWeights.push(next);
        peak = Math.max(peak, next);
        // Past the mode the weights fall ever faster; 40 e-folds below the peak is nothing.
        if (arrival < death && next < peak - 40) break;
    }
    const weights = logWeights.map((w) => Math.exp(w - peak));
    const total = weights.reduce((sum, w) => sum + w, 0);
    return { probability: weights.map((w) => w / total) };
}

/**
 * For a caller with j = 0..maxAhead callers ahead, the probability of being answered within T:
 * the queue ahead shrinks at rate N·μ + j·γ (an agent frees up, or someone ahead hangs up) and the
 * caller hangs up at rate γ. Computed by uniformization of that small absorbing chain.
 */
function answeredWithinByQueue(serviceRate: number, abandon: number, maxAhead: number, threshold: number): number[] {
    const uniform = serviceRate + (maxAhead + 1) * abandon;
    const mean = uniform * threshold;
    // h[j] = probability of being answered within the steps taken so far, starting with j ahead.
    let h = new Array<number>(maxAhead + 1).fill(0);
    const result = new Array<number>(maxAhead + 1).fill(0);
    const moveOn = h.map((_, j) => (serviceRate + j * abandon) / uniform);
    const stay = h.map((_, j) => 1 - (serviceRate + j * abandon + abandon) / uniform);
    // Poisson weights of the number of uniformized steps in [0, T]; started in logs so a long
    // threshold (a large mean) does not underflow e^-mean to zero.
    let logPoisson = -mean;
    const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
    for (let j = 0; j <= maxAhead; j++) result[j] = 0;
    for (let step = 1; step <= steps; step++) {
        const next = new Array<number>(maxAhead + 1);
        for (let j = 0; j <= maxAhead; j++) {
            next[j] = moveOn[j] * (j === 0 ? 1 : h[j - 1]) + stay[j] * h[j];
        }
        h = next;
        logPoisson += Math.log(mean / step);
        const poisson = Math.exp(logPoisson);
        for (let j = 0; j <= maxAhead; j++) result[j] += poisson * h[j];
    }
    return result;
}

export interface StaffingTarget {
    /** Service threshold in seconds (the T of "80% within T"). */
    thresholdSeconds: number;
    /** Least service level wanted, 0..1; or */
    serviceLevel?: number;
    /** Largest mean wait wanted, in seconds. */
    asa?: number;
    /** Largest share of callers who wait at all, 0..1. */
    probabilityWait?: number;
    /** Mean patience in seconds: Erlang A when given, Erlang C otherwise. */
    patienceSeconds?: number;
}

/** The figures for a given number of agents under the target's model. */
export function figuresFor(load: Workload, agents: number, target: StaffingTarget): QueueFigures {
    return target.patienceSeconds === undefined
        ? erlangC(load, agents, target.thresholdSeconds)
        : erlangA(load, agents, target.thresholdSeconds, target.patienceSeconds);
}

function meets(figures: QueueFigures, target: StaffingTarget): boolean {
    if (target.serviceLevel !== undefined && !(figures.serviceLevel >= target.serviceLevel)) return false;
    if (target.asa !== undefined && !(figures.asa <= target.asa)) return false;
    if (target.probabilityWait !== undefined && !(figures.probabilityWait <= target.probabilityWait)) return false;
    return true;
}

/**
 * The fewest agents whose figures meet the target. Service level rises and ASA falls with every
 * agent added (a property test holds this), so a doubling search then a bisection finds the
 * first count that meets it in a few dozen evaluations even for thousands of agents.
 * No offered calls need no agents.
 */
export function fewestAgents(load: Workload, target: StaffingTarget, limit = 1_000_000): QueueFigures {
    if (load.offered <= 0) {
        const model = target.patienceSeconds === undefined ? 'erlang-c' : 'erlang-a';
        return { model, agents: 0, serviceLevel: 1, probabilityWait: 0, asa: 0, occupancy: 0, probabilityAbandon: 0 };
    }
    // Erlang C cannot serve with fewer agents than the traffic; Erlang A can, so it starts at one.
    let failing = target.patienceSeconds === undefined ? Math.floor(trafficIntensity(load)) : 0;
    let meeting = Math.max(1, failing + 1);
    let figures = figuresFor(load, meeting, target);
    while (!meets(figures, target)) {
        failing = meeting;
        meeting *= 2;
        if (meeting > limit) throw new RangeError(`no staffing up to ${limit} agents meets the target`);
        figures = figuresFor(load, meeting, target);
    }
    while (meeting - failing > 1) {
        const middle = Math.floor((failing + meeting) / 2);
        const tried = figuresFor(load, middle, target);
        if (meets(tried, target)) {
            meeting = middle;
            figures = tried;
        } else {
            failing = middle;
        }
    }
    return figures;
}
