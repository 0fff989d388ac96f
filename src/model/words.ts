/** English for messages: counts and articles that read right for every value. */

/** `1 hop`, `2 hops`; `many` for irregular plurals. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `a workload`, `an identity`, `an EC2 instance`. */
export function article(word: string): string {
  return `${/^[aeiou]/i.test(word) || /^(EC2|S3|SNS|SQS|SSM|IAM|RDS|EKS|ECS|EMR|ML)\b/.test(word) ? 'an' : 'a'} ${word}`;
}
