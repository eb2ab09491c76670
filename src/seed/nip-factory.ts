import { Gender } from '../modules/employee/employee-enums';
import { type Random } from './random';

/**
 * Valid, unique NIPs (`docs/domain.md`, NIP): birth date, civil-service start (TMT) at 20 to 35 years of age,
 * gender digit, sequence. Always in the past, whatever today is.
 */
export class NipFactory {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  next(gender: Gender, options: { minBirthYear?: number; maxBirthYear?: number } = {}): string {
    for (;;) {
      const birthYear = this.random.int(options.minBirthYear ?? 1966, options.maxBirthYear ?? 1999);
      const birthMonth = this.random.int(1, 12);
      const birthDay = this.random.int(1, 28);
      const tmtYear = Math.min(birthYear + this.random.int(21, 35), 2024);
      const tmtMonth = this.random.int(1, 12);
      const sequence = this.random.int(1, 999);
      const nip =
        String(birthYear) +
        pad(birthMonth) +
        pad(birthDay) +
        String(tmtYear) +
        pad(tmtMonth) +
        (gender === Gender.MALE ? '1' : '2') +
        String(sequence).padStart(3, '0');
      if (!this.used.has(nip)) {
        this.used.add(nip);
        return nip;
      }
    }
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
