import com.google.i18n.phonenumbers.*;
import com.google.i18n.phonenumbers.PhoneNumberUtil.*;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.*;
public class Phones {
  public static void main(String[] a) throws Exception {
    PhoneNumberUtil u = PhoneNumberUtil.getInstance();
    Random r = new Random(Long.parseLong(a[0]));
    for (String region : a[1].split(",")) {
      for (PhoneNumberType t : new PhoneNumberType[]{PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE}) {
        PhoneNumber ex = u.getExampleNumberForType(region, t);
        if (ex == null) continue;
        for (int k = 0; k < 2; k++) {
          for (int tries = 0; tries < 200; tries++) {
            long nn = ex.getNationalNumber();
            long mod = tries < 150 ? 1000000 : 10000; long nv = (nn / mod) * mod + r.nextInt((int) mod);
            PhoneNumber p = new PhoneNumber().setCountryCode(ex.getCountryCode()).setNationalNumber(nv);
            if (ex.hasItalianLeadingZero()) p.setItalianLeadingZero(true);
            if (u.isValidNumberForRegion(p, region) && (u.getNumberType(p) == t || u.getNumberType(p) == PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
              System.out.println(region + "\t" + t + "\t" + u.format(p, PhoneNumberFormat.E164) + "\t" + u.format(p, PhoneNumberFormat.INTERNATIONAL) + "\t" + u.format(p, PhoneNumberFormat.NATIONAL));
              break;
            }
          }
        }
      }
    }
  }
}
